//! NewsQuant score floors: micro F1 of value, value+unit and value+change
//! must stay above the published CQE figures (92.0, 85.6, 88.1 minus a
//! small margin for the last item or two). Skipped when the benchmark data
//! is not present next to the workspace.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure should panic

mod nq;

#[test]
fn newsquant_floors() {
    if !std::path::Path::new(nq::PATH).exists() {
        eprintln!("NewsQuant data not found at {}; skipping", nq::PATH);
        return;
    }
    let tagger = factsift_tag::Tagger::builder().build().unwrap();
    let s = nq::run(&tagger);
    let (v, vu, vc) = (s.value.f1(), s.value_unit.f1(), s.value_change.f1());
    eprintln!("NewsQuant F1: value {v:.1}, value+unit {vu:.1}, value+change {vc:.1}");
    assert!(v >= 93.5, "value F1 {v:.1} fell below its floor 93.5");
    assert!(
        vu >= 87.0,
        "value+unit F1 {vu:.1} fell below its floor 87.0"
    );
    assert!(
        vc >= 88.8,
        "value+change F1 {vc:.1} fell below its floor 88.8"
    );
}
