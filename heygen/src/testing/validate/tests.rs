//! The walker against rules written here (not the document's), so each case states its rule.

use heygen_sys::request_rules::{
    Additional, Array, Discriminator, Kind, Number, Object, Property, Schema, Text, Union,
};
use serde_json::{Value, json};

use super::param::Param;
use super::walk::Walk;

static LEVEL: Schema = Schema {
    nullable: false,
    kind: Kind::String(Text {
        values: Some(&["low", "high"]),
        ..Text::ANY
    }),
};

static AVATAR: Schema = Schema {
    nullable: false,
    kind: Kind::Object(Object {
        properties: &[
            Property {
                name: "type",
                schema: Schema {
                    nullable: false,
                    kind: Kind::String(Text {
                        values: Some(&["avatar"]),
                        ..Text::ANY
                    }),
                },
            },
            Property {
                name: "avatar_id",
                schema: Schema {
                    nullable: false,
                    kind: Kind::String(Text {
                        min_length: Some(1),
                        ..Text::ANY
                    }),
                },
            },
            Property {
                name: "expressiveness",
                schema: Schema {
                    nullable: true,
                    kind: Kind::Ref(&LEVEL),
                },
            },
        ],
        required: &["type", "avatar_id"],
        additional: Additional::Forbidden,
    }),
};

static IMAGE: Schema = Schema {
    nullable: false,
    kind: Kind::Object(Object {
        properties: &[Property {
            name: "type",
            schema: Schema {
                nullable: false,
                kind: Kind::Literals(&["\"image\""]),
            },
        }],
        required: &["type"],
        additional: Additional::Any,
    }),
};

static BODY: Schema = Schema {
    nullable: false,
    kind: Kind::Object(Object {
        properties: &[
            Property {
                name: "seed",
                schema: Schema {
                    nullable: true,
                    kind: Kind::Integer(Number {
                        minimum: Some(0.0),
                        maximum: Some(10.0),
                        ..Number::ANY
                    }),
                },
            },
            Property {
                name: "scenes",
                schema: Schema {
                    nullable: false,
                    kind: Kind::Array(Array {
                        items: Some(&Schema {
                            nullable: false,
                            kind: Kind::Object(Object {
                                properties: &[Property {
                                    name: "input",
                                    schema: Schema {
                                        nullable: false,
                                        kind: Kind::OneOf(Union {
                                            members: &[
                                                Schema {
                                                    nullable: false,
                                                    kind: Kind::Ref(&AVATAR),
                                                },
                                                Schema {
                                                    nullable: false,
                                                    kind: Kind::Ref(&IMAGE),
                                                },
                                            ],
                                            discriminator: Some(Discriminator {
                                                property: "type",
                                                mapping: &[("avatar", 0), ("image", 1)],
                                            }),
                                        }),
                                    },
                                }],
                                required: &["input"],
                                additional: Additional::Any,
                            }),
                        }),
                        max_items: Some(2),
                        ..Array::ANY
                    }),
                },
            },
            Property {
                name: "either",
                schema: Schema {
                    nullable: false,
                    kind: Kind::AnyOf(Union {
                        members: &[
                            Schema {
                                nullable: false,
                                kind: Kind::Integer(Number::ANY),
                            },
                            Schema {
                                nullable: false,
                                kind: Kind::Ref(&LEVEL),
                            },
                        ],
                        discriminator: None,
                    }),
                },
            },
        ],
        required: &["scenes"],
        additional: Additional::Any,
    }),
};

/// The param of the fault, or `Ok` with the value as the route gets it.
fn check(mut value: Value) -> Result<Value, Option<String>> {
    let mut walk = Walk::default();
    match walk.check(&BODY, &mut value, &Param::default()) {
        Ok(()) => Ok(value),
        Err(refusal) => Err(refusal.param),
    }
}

fn scene(input: Value) -> Value {
    json!({"scenes": [{"input": input}]})
}

#[test]
fn a_valid_body_passes_and_a_whole_float_becomes_an_integer() {
    let mut body = scene(json!({"type": "avatar", "avatar_id": "a", "expressiveness": null}));
    body["seed"] = json!(1.0);
    body["either"] = json!("low");
    let checked = check(body).unwrap();
    assert!(checked["seed"].is_i64(), "{checked}");
    assert_eq!(
        check(json!({"scenes": [], "seed": 2.5})),
        Err(Some("seed".into()))
    );
    assert_eq!(
        check(json!({"scenes": [], "seed": 11})),
        Err(Some("seed".into()))
    );
    assert_eq!(
        check(json!({"scenes": [], "seed": null})),
        Ok(json!({"scenes": [], "seed": null}))
    );
}

#[test]
fn faults_deep_inside_unions_and_arrays_are_named_by_their_path() {
    let cases = [
        (
            json!({"type": "avatar", "avatar_id": "a", "expressiveness": "AAA"}),
            "scenes[0].input.expressiveness",
        ),
        (
            json!({"type": "avatar", "avatar_id": ""}),
            "scenes[0].input.avatar_id",
        ),
        (json!({"type": "avatar"}), "scenes[0].input.avatar_id"),
        (
            json!({"type": "avatar", "avatar_id": "a", "extra": 1}),
            "scenes[0].input.extra",
        ),
        (json!({"type": "video"}), "scenes[0].input.type"),
        (json!({"avatar_id": "a"}), "scenes[0].input.type"),
        (json!("avatar"), "scenes[0].input"),
    ];
    for (input, param) in cases {
        assert_eq!(
            check(scene(input.clone())),
            Err(Some(param.into())),
            "{input}"
        );
    }
    // A member of another type is free of the first's rules.
    assert!(check(scene(json!({"type": "image", "extra": 1}))).is_ok());
    let three = json!({"scenes": [{"input": {"type": "image"}}, {"input": {"type": "image"}}, {"input": {"type": "image"}}]});
    assert_eq!(check(three), Err(Some("scenes".into())));
    assert_eq!(check(json!({})), Err(Some("scenes".into())));
    assert_eq!(check(json!([])), Err(None));
}

#[test]
fn an_untagged_union_takes_any_member_and_refuses_what_fits_none() {
    assert!(check(json!({"scenes": [], "either": 3})).is_ok());
    assert!(check(json!({"scenes": [], "either": "high"})).is_ok());
    assert_eq!(
        check(json!({"scenes": [], "either": "AAA"})),
        Err(Some("either".into()))
    );
    assert_eq!(
        check(json!({"scenes": [], "either": true})),
        Err(Some("either".into()))
    );
}

#[test]
fn the_message_names_the_place_and_the_rule() {
    let mut body = scene(json!({"type": "avatar", "avatar_id": "a", "expressiveness": "AAA"}));
    let refusal = Walk::default()
        .check(&BODY, &mut body, &Param::default())
        .unwrap_err();
    assert_eq!(
        refusal.message,
        "'scenes[0].input.expressiveness' must be one of: low, high."
    );
    let refusal = Walk::default()
        .check(&BODY, &mut json!(3), &Param::default())
        .unwrap_err();
    assert_eq!(
        refusal.message,
        "The request body must be an object, not a number."
    );
}
