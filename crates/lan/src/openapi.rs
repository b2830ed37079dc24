//! The routes an OpenAPI file documents, so that each server's tests can hold
//! its routes to its published description (docs/lan-api.yaml, docs/hub-api.yaml).

/// `(method, path)` pairs of the `paths:` of an OpenAPI YAML file written the
/// way ours are: paths indented two spaces, methods four.
pub fn documented_routes(yaml: &str) -> Vec<(String, String)> {
    let mut documented = Vec::new();
    let mut path = None;
    for line in yaml.lines() {
        if let Some(p) = line.strip_prefix("  /").and_then(|p| p.strip_suffix(':')) {
            path = Some(format!("/{p}"));
        } else if let (Some(p), Some(method)) = (
            &path,
            line.strip_prefix("    ").and_then(|l| l.strip_suffix(':')),
        ) {
            if ["get", "post", "put", "delete", "patch"].contains(&method) {
                documented.push((method.to_string(), p.clone()));
            }
        } else if !line.starts_with(' ') {
            path = None;
        }
    }
    documented.sort();
    documented
}
