use heygen_contract_tests::{Spec, Synth, validate};

#[test]
fn smoke() {
    let spec = Spec::load().unwrap();
    let synth = Synth::new(&spec);
    let mut bad = 0;
    for op in spec.operations() {
        for (status, schema, _ex) in op.json_responses() {
            let v = synth.response_example(&op, status).unwrap();
            if let Err(e) = validate(spec.document(), &schema, &v) {
                bad += 1;
                println!("RESP {} {} {:?}\n  {}", op.operation_id, status, e, v);
            }
            let v = synth.response_synthesised(&op, status).unwrap();
            if let Err(e) = validate(spec.document(), &schema, &v) {
                bad += 1;
                println!("SYNTH {} {} {:?}\n  {}", op.operation_id, status, e, v);
            }
        }
        if let Some(body) = op.request_body() {
            for v in synth.variants_for(&body.schema) {
                if let Err(e) = validate(spec.document(), &body.schema, &v) {
                    bad += 1;
                    println!("REQ {} {:?}\n  {}", op.operation_id, e, v);
                }
            }
        }
    }
    println!("bad {bad}");
}

#[test]
fn probe() {
    use serde_json::json;
    let spec = Spec::load().unwrap();
    let synth = Synth::new(&spec);
    let s = spec.schema("CreateVideoV3RequestBody").unwrap();
    for v in synth.variants_for(s) {
        println!("{v}");
    }
    println!(
        "{:?}",
        heygen_contract_tests::validate_component(
            &spec,
            "CreateVideoV3RequestBody",
            &json!({"type":"video"})
        )
    );
    println!(
        "{:?}",
        heygen_contract_tests::validate_component(
            &spec,
            "VideoDetail",
            &json!({"id": 3, "status": "nope"})
        )
    );
    let op = spec.operation("getVideoV3").unwrap();
    println!("{}", synth.response_example(&op, 200).unwrap());
    let op = spec.operation("getUserMeV3").unwrap();
    println!("{}", synth.response_example(&op, 200).unwrap());
    println!("{:?}", op.parameters());
    let op = spec.operation("listVideosV3").unwrap();
    for p in op.parameters() {
        println!(
            "{} {:?} {} {}",
            p.name,
            p.location,
            p.required,
            synth.parameter_value(&p)
        );
    }
    println!(
        "cached {}",
        heygen_contract_tests::validate::cached_validators()
    );
}
