//! The JSON API answers in the shapes its OpenAPI document describes: every GET of the
//! document is called and its body checked against the schema, key by key, so a field
//! added to a database row never leaks into the API unannounced.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::each_backend;

/// The schema `s` after following a `$ref` into the document's components.
fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            &doc["components"]["schemas"][name]
        }
        None => s,
    }
}

/// Whether `v` has the JSON type `t` of a schema.
fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}

/// Every place where `v` departs from the schema `s`, as «path: what».
fn check(doc: &Value, s: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let s = resolve(doc, s);
    if let Some(any) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
        let fits = any.iter().any(|alt| {
            let mut e = Vec::new();
            check(doc, alt, v, path, &mut e);
            e.is_empty()
        });
        if !fits {
            out.push(format!("{path}: fits none of {any:?}"));
        }
        return;
    }
    let types: Vec<&str> = match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => {
            out.push(format!("{path}: the schema gives no type"));
            return;
        }
    };
    if !types.iter().any(|t| has_type(v, t)) {
        out.push(format!("{path}: {v} is not {types:?}"));
        return;
    }
    if let (Some(items), Some(values)) = (s.get("items"), v.as_array()) {
        for (i, x) in values.iter().enumerate() {
            check(doc, items, x, &format!("{path}[{i}]"), out);
        }
    }
    if let (Some(props), Some(obj)) = (s.get("properties").and_then(Value::as_object), v.as_object()) {
        for key in obj.keys().filter(|k| !props.contains_key(*k)) {
            out.push(format!("{path}.{key}: not in the schema"));
        }
        let required = s.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
        for key in required.iter().filter_map(Value::as_str) {
            if !obj.contains_key(key) {
                out.push(format!("{path}.{key}: required, missing"));
            }
        }
        for (key, x) in obj {
            if let Some(p) = props.get(key) {
                check(doc, p, x, &format!("{path}.{key}"), out);
            }
        }
    }
}

#[tokio::test]
async fn every_get_of_the_api_answers_in_its_documented_shape() {
    each_backend(|t| async move {
        let b = t.backend;
        let uid = t.user_id("curator").await;
        let token = t
            .app
            .issue_token(uid, domain::Role::Curator, t.school1, "t")
            .await
            .unwrap();
        // The organizations are the administrator's.
        let region = t
            .app
            .organizations()
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.parent_id.is_none())
            .unwrap();
        let admin = t.user_id("admin").await;
        let admin = t
            .app
            .issue_token(admin, domain::Role::Admin, region.id, "t")
            .await
            .unwrap();
        let http = reqwest::Client::new();
        // A pupil with a parent and consents, so the card's lists are not empty.
        let pupil = t.person_in(t.school1, "student");
        let pupil = pupil.await;
        // A round with its proposal (started through the API, as a client would).
        let r = reqwest::Client::new()
            .post(t.at("/api/v1/pairing/rounds"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{b}");
        let round = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let doc: Value = http
            .get(t.at("/api/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let paths = doc["paths"].as_object().unwrap();
        let mut called = 0;
        for (path, ops) in paths {
            for (method, op) in ops.as_object().unwrap() {
                let ok = op["responses"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .find(|(code, _)| code.starts_with('2'))
                    .unwrap_or_else(|| panic!("{method} {path}: no success answer documented"));
                let schema = &ok.1["content"]["application/json"]["schema"];
                assert!(
                    ok.0 == "204" || schema.is_object(),
                    "{method} {path}: the {} answer has no schema",
                    ok.0
                );
                if method != "get" {
                    continue;
                }
                // Paths come sorted: the card is read before its audit trail.
                let id = if path.starts_with("/api/v1/pairing/rounds/") {
                    round
                } else {
                    pupil
                };
                let url = t.at(&path.replace("{id}", &id.to_string()));
                let who = if path.ends_with("/organizations") {
                    &admin
                } else {
                    &token
                };
                let r = http.get(&url).bearer_auth(who).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK, "{b} GET {path}");
                let body: Value = r.json().await.unwrap();
                let mut errors = Vec::new();
                check(&doc, schema, &body, "$", &mut errors);
                assert!(errors.is_empty(), "{b} GET {path}: {errors:#?}");
                called += 1;
            }
        }
        assert!(called >= 6, "{b}: only {called} GETs documented");
        // The card of the pupil lists the parent and the consents the demo gave.
        let get = |path: String| {
            let r = http.get(t.at(&path)).bearer_auth(&token).send();
            async move { r.await.unwrap().json::<Value>().await.unwrap() }
        };
        // The round's proposal says why, term by term, and who is left and why.
        let detail = get(format!("/api/v1/pairing/rounds/{round}")).await;
        let pairs = detail["pairs"].as_array().unwrap();
        assert!(!pairs.is_empty(), "{b}: {detail}");
        assert!(
            pairs.iter().all(|p| !p["terms"].as_array().unwrap().is_empty()),
            "{b}: {detail}"
        );
        assert!(
            detail["left"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| !l["reason"].as_str().unwrap().is_empty()),
            "{b}"
        );
        let card = get(format!("/api/v1/participants/{pupil}")).await;
        assert!(!card["guardians"].as_array().unwrap().is_empty(), "{b}: {card}");
        assert!(!card["consents"].as_array().unwrap().is_empty(), "{b}: {card}");
        assert_eq!(card["person"]["category"], "student", "{b}");
        assert!(card["person"]["details"].is_object(), "{b}: {card}");
        let trail = get(format!("/api/v1/participants/{pupil}/audit")).await;
        assert!(
            trail.as_array().unwrap().iter().any(|e| e["action"] == "view"),
            "{b}: the card's views are in the trail: {trail}"
        );
    })
    .await;
}
