//! Every doc example kept as a fixture validates against its schema, decodes with the
//! generated type, and re-encodes to equal JSON (key order aside). The equivalent-value
//! normalizations that re-encoding makes are listed in a snapshot.

mod common;

use msgen_codegen::manifest::FixtureKind;
use msgen_tests::registry;

#[test]
fn fixtures_validate_decode_and_round_trip() {
    let mut failures = Vec::new();
    let mut normalizations = Vec::new();
    let mut count = 0;
    for provider in common::providers() {
        let manifest_json = common::read_json(&provider.dir.join("provider.json"));
        for fixture in &provider.manifest.fixtures {
            count += 1;
            let label = format!("{}/{}", provider.name, fixture.file);
            let instance = common::read_json(&provider.dir.join(&fixture.file));
            let Some(schema) =
                common::payload_schema(&manifest_json, &fixture.of, fixture.kind, fixture.status)
            else {
                failures.push(format!(
                    "{label}: no schema for {} {}",
                    fixture.of,
                    fixture.kind.as_str()
                ));
                continue;
            };
            if let Err(errors) =
                common::validate(&schema, &provider.dir.join("provider.json"), &instance)
            {
                failures.push(format!("{label}: does not validate: {}", errors.join("; ")));
            }
            let status = if fixture.kind == FixtureKind::Request {
                None
            } else {
                fixture.status
            };
            let Some(payload) =
                registry::find(&provider.name, &fixture.of, fixture.kind.as_str(), status)
            else {
                failures.push(format!(
                    "{label}: no generated type for {} {}",
                    fixture.of,
                    fixture.kind.as_str()
                ));
                continue;
            };
            let bytes =
                std::fs::read(provider.dir.join(&fixture.file)).expect("fixture is readable");
            match (payload.round_trip)(&bytes) {
                Err(e) => failures.push(format!(
                    "{label}: does not decode as {}: {e}",
                    payload.type_name
                )),
                Ok(reencoded) => {
                    let mut normalized = Vec::new();
                    match common::compare(&instance, &reencoded, "$", &mut normalized) {
                        Ok(()) => normalizations
                            .extend(normalized.into_iter().map(|n| format!("{label} {n}"))),
                        Err(e) => failures.push(format!("{label}: round trip differs {e}")),
                    }
                }
            }
        }
    }
    assert!(
        count >= 18,
        "expected every doc example as a fixture, found {count}"
    );
    assert!(
        failures.is_empty(),
        "{} fixture failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    insta::assert_snapshot!("normalizations", normalizations.join("\n"));
}

#[test]
fn every_manifest_fixture_file_exists_and_every_fixture_file_is_listed() {
    for provider in common::providers() {
        let listed: Vec<&str> = provider
            .manifest
            .fixtures
            .iter()
            .map(|f| f.file.as_str())
            .collect();
        for file in &listed {
            assert!(
                provider.dir.join(file).is_file(),
                "{}: listed fixture {file} is missing",
                provider.name
            );
        }
        let dir = provider.dir.join("fixtures");
        for entry in std::fs::read_dir(&dir).expect("fixtures/ exists") {
            let name = format!(
                "fixtures/{}",
                entry.expect("entry").file_name().to_string_lossy()
            );
            assert!(
                listed.contains(&name.as_str()),
                "{}: {name} is not listed in provider.json",
                provider.name
            );
        }
    }
}
