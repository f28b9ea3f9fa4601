use errspec::ApiError;

#[derive(ApiError)]
pub union U {
    a: u32,
    b: f32,
}

fn main() {}
