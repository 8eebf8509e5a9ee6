//! Scores the tagger on NewsQuant: `cargo run --release -p factsift-tag
//! --example newsquant [-- --errors]`. The matching rules are documented in
//! `tests/nq/mod.rs`.

#[path = "../tests/nq/mod.rs"]
mod nq;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tagger = factsift_tag::Tagger::builder().build()?;
    let s = nq::run(&tagger);
    println!("metric          TP    FP    FN      P      R     F1");
    for (name, m) in [
        ("value", s.value),
        ("value+unit", s.value_unit),
        ("value+change", s.value_change),
    ] {
        println!(
            "{name:<14} {:>4}  {:>4}  {:>4}  {:>5.1}  {:>5.1}  {:>5.1}",
            m.tp,
            m.fp,
            m.fn_,
            m.p(),
            m.r(),
            m.f1()
        );
    }
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode.starts_with("--") {
        for st in &s.sentences {
            let fmt = |i: &nq::Item| match i.hi {
                Some(h) => format!("{}-{} [{}] {}", i.lo, h, i.unit, i.change),
                None => format!("{} [{}] {}", i.lo, i.unit, i.change),
            };
            let g: Vec<String> = st.gold.iter().map(fmt).collect();
            let p: Vec<String> = st.pred.iter().map(fmt).collect();
            let mut gs = g.clone();
            let mut ps = p.clone();
            gs.sort();
            ps.sort();
            let differ = match mode.as_str() {
                "--values" => {
                    let key = |i: &nq::Item| {
                        let (a, b) = (i.lo, i.hi.unwrap_or(i.lo));
                        format!("{:.4}-{:.4}", a.min(b), a.max(b))
                    };
                    let mut gv: Vec<_> = st.gold.iter().map(key).collect();
                    let mut pv: Vec<_> = st.pred.iter().map(key).collect();
                    gv.sort();
                    pv.sort();
                    gv != pv
                }
                "--fp" => st
                    .pred
                    .iter()
                    .any(|p| !st.gold.iter().any(|g| nq::value_match(p, g))),
                "--fn" => st
                    .gold
                    .iter()
                    .any(|g| !st.pred.iter().any(|p| nq::value_match(p, g))),
                "--units" => st.gold.iter().any(|g| {
                    st.pred.iter().any(|p| nq::value_match(p, g))
                        && !st
                            .pred
                            .iter()
                            .any(|p| nq::value_match(p, g) && nq::unit_match(p, g))
                }),
                "--change" => st.gold.iter().any(|g| {
                    st.pred.iter().any(|p| nq::value_match(p, g))
                        && !st
                            .pred
                            .iter()
                            .any(|p| nq::value_match(p, g) && p.change == g.change)
                }),
                _ => gs != ps,
            };
            if differ {
                println!(
                    "## {}\n   gold: {}\n   pred: {}",
                    st.text,
                    g.join(" ;; "),
                    p.join(" ;; ")
                );
            }
        }
    }
    Ok(())
}
