//! The members of example bodies, walked in wire order: what the envelope field table lists.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// One member path of a body (`error.details[].field`) and its JSON type.
pub(crate) type Member = (String, &'static str);

/// Every member path of `json` with its JSON type, in the order they appear (objects and
/// arrays included, the root excluded). Text that is not JSON has none.
pub(crate) fn members(json: &str) -> Vec<Member> {
    let mut out = Vec::new();
    let mut de = serde_json::Deserializer::from_str(json);
    if (Walk {
        path: String::new(),
        out: &mut out,
    })
    .deserialize(&mut de)
    .is_err()
    {
        out.clear();
    }
    out
}

struct Walk<'a> {
    path: String,
    out: &'a mut Vec<Member>,
}

impl Walk<'_> {
    fn record(&mut self, kind: &'static str) {
        if !self.path.is_empty() {
            self.out.push((self.path.clone(), kind));
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(mut self, _: bool) -> Result<(), E> {
        self.record("boolean");
        Ok(())
    }

    fn visit_i64<E>(mut self, _: i64) -> Result<(), E> {
        self.record("integer");
        Ok(())
    }

    fn visit_u64<E>(mut self, _: u64) -> Result<(), E> {
        self.record("integer");
        Ok(())
    }

    fn visit_f64<E>(mut self, _: f64) -> Result<(), E> {
        self.record("number");
        Ok(())
    }

    fn visit_str<E>(mut self, _: &str) -> Result<(), E> {
        self.record("string");
        Ok(())
    }

    fn visit_unit<E>(mut self) -> Result<(), E> {
        self.record("null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.record("array");
        let path = format!("{}[]", self.path);
        while seq
            .next_element_seed(Walk {
                path: path.clone(),
                out: &mut *self.out,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.record("object");
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key
            } else {
                format!("{}.{key}", self.path)
            };
            map.next_value_seed(Walk {
                path,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_come_in_wire_order_with_types() {
        let found = members(r#"{"z":1,"a":{"m":[{"f":"x"}],"n":null},"b":true,"c":1.5}"#);
        let expected = [
            ("z", "integer"),
            ("a", "object"),
            ("a.m", "array"),
            ("a.m[]", "object"),
            ("a.m[].f", "string"),
            ("a.n", "null"),
            ("b", "boolean"),
            ("c", "number"),
        ];
        let found: Vec<(&str, &str)> = found.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        assert_eq!(found, expected);
        assert!(members("<html>").is_empty());
    }
}
