//! Decoding a `reqwest::Response` (feature `reqwest`).

use std::time::SystemTime;

use super::remote::{MAX_BODY_BYTES, RemoteError};
use crate::api_error::ErrorKind;

impl<K: ErrorKind> RemoteError<K> {
    /// Reads at most [`MAX_BODY_BYTES`] of the response's body and decodes it. A body cut
    /// short by the network decodes as far as it arrived, and
    /// [`body_truncated`](RemoteError::body_truncated) says so.
    pub async fn from_response(mut response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let mut body = Vec::new();
        let mut truncated = false;
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = MAX_BODY_BYTES - body.len();
                    if chunk.len() > room {
                        body.extend_from_slice(&chunk[..room]);
                        truncated = true;
                        break;
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => {
                    truncated = true;
                    break;
                }
            }
        }
        RemoteError::from_read_body(status, &headers, &body, truncated, SystemTime::now())
    }
}

/// The response when its status is below 400, else the decoded [`RemoteError`].
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use errspec::client::{error_for_status, RemoteError};
///
/// let response = reqwest::get("http://127.0.0.1:3000/scan").await?;
/// let response = error_for_status::<errspec::client::Untyped>(response).await?;
/// # let _ = response; Ok(()) }
/// ```
pub async fn error_for_status<K: ErrorKind>(
    response: reqwest::Response,
) -> Result<reqwest::Response, RemoteError<K>> {
    if response.status().as_u16() < 400 {
        Ok(response)
    } else {
        Err(RemoteError::from_response(response).await)
    }
}
