//! A JSON Schema (2020-12) checker for the keywords our published schemas use, so the output
//! contract can be tested without a general validator crate (the `jsonschema` crate and its
//! dependency tree were a large share of a cold CI build). A keyword it does not know makes it
//! fail loudly rather than pass silently: extending the schema means extending this file.

use regex::Regex;
use serde_json::Value;

/// Keywords that carry no constraint.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description", "examples", "default"];

/// Every violation of `schema` by `doc`, as "PATH: problem"; empty when `doc` is valid.
pub fn violations(schema: &Value, doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, schema, doc, "", &mut out);
    out
}

fn check(root: &Value, schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let obj = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return out.push(format!("{path}: no value is allowed here")),
        Value::Object(o) => o,
        other => return out.push(format!("{path}: schema is not an object: {other}")),
    };
    for (key, sub) in obj {
        match key.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => match sub.as_str().and_then(|r| resolve(root, r)) {
                Some(target) => check(root, target, v, path, out),
                None => out.push(format!("{path}: unresolvable $ref {sub}")),
            },
            "type" => {
                let names: Vec<&str> = match sub {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !names.iter().any(|t| has_type(v, t)) {
                    out.push(format!("{path}: expected type {sub}, found {}", type_name(v)));
                }
            }
            "properties" => {
                if let (Some(props), Some(fields)) = (sub.as_object(), v.as_object()) {
                    for (name, s) in props {
                        if let Some(field) = fields.get(name) {
                            check(root, s, field, &format!("{path}/{name}"), out);
                        }
                    }
                }
            }
            "required" => {
                if let (Some(names), Some(fields)) = (sub.as_array(), v.as_object()) {
                    for n in names.iter().filter_map(Value::as_str) {
                        if !fields.contains_key(n) {
                            out.push(format!("{path}: missing required property {n:?}"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = v.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(root, sub, item, &format!("{path}/{i}"), out);
                    }
                }
            }
            "enum" => {
                if !sub.as_array().is_some_and(|a| a.contains(v)) {
                    out.push(format!("{path}: {v} is not one of {sub}"));
                }
            }
            "const" => {
                if sub != v {
                    out.push(format!("{path}: {v} is not {sub}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(limit), Some(x)) = (sub.as_f64(), v.as_f64()) {
                    let ok = if key == "minimum" { x >= limit } else { x <= limit };
                    if !ok {
                        out.push(format!("{path}: {x} is outside the {key} {limit}"));
                    }
                }
            }
            "minLength" => {
                if let (Some(n), Some(s)) = (sub.as_u64(), v.as_str()) {
                    if (s.chars().count() as u64) < n {
                        out.push(format!("{path}: {s:?} is shorter than {n}"));
                    }
                }
            }
            "pattern" => {
                if let Some(s) = v.as_str() {
                    match sub.as_str().map(Regex::new) {
                        Some(Ok(re)) if re.is_match(s) => {}
                        Some(Ok(_)) => out.push(format!("{path}: {s:?} does not match {sub}")),
                        _ => out.push(format!("{path}: bad pattern {sub}")),
                    }
                }
            }
            "allOf" | "oneOf" | "anyOf" => {
                let subs = sub.as_array().map(Vec::as_slice).unwrap_or_default();
                let results: Vec<Vec<String>> = subs
                    .iter()
                    .map(|s| {
                        let mut e = Vec::new();
                        check(root, s, v, path, &mut e);
                        e
                    })
                    .collect();
                let passing = results.iter().filter(|e| e.is_empty()).count();
                match key.as_str() {
                    "allOf" => out.extend(results.into_iter().flatten()),
                    "oneOf" if passing != 1 => out.push(format!(
                        "{path}: matches {passing} of the oneOf schemas, not exactly one"
                    )),
                    "anyOf" if passing == 0 => out.push(format!("{path}: matches none of the anyOf schemas")),
                    _ => {}
                }
            }
            other => out.push(format!(
                "{path}: schema keyword {other:?} is not supported by this checker"
            )),
        }
    }
}

/// A local reference, `#` or `#/a/b` (JSON pointer into the root schema).
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
