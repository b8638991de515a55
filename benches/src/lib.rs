//! Workloads shared by the benchmark targets, all deterministic (a fixed
//! seed), so every run screens the same text.
//!
//! - [`corpus`]: goods descriptions. Half are descriptions of the HS 2022
//!   nomenclature from `../shared/data/hs-nomenclature.csv` (public
//!   domain; read from beside the checkout, never copied into the
//!   repository), the rest synthetic invoice line items built from the
//!   same text, a tenth of them in French, German, Spanish, Russian or
//!   Chinese; 1.5 % carry a controlled term of the embedded lists and a
//!   synthetic term (one of the first 1,000 of [`synthetic_terms`]), so
//!   they hit whichever list is screened. The recipe is the one of
//!   `python/peers.py`.
//! - [`synthetic_terms`]: chemical-like names and made-up goods names.
//! - [`samples`]: short, typical and long descriptions in four scripts.

use std::collections::HashSet;
use std::path::PathBuf;

use dualuse::ControlLists;

/// Descriptions in every 200 that carry controlled terms (1.5 %).
pub const CONTROLLED_PER_200: usize = 3;

/// splitmix64: small, fast, and the same numbers in `python/peers.py`.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// One of `words`.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const LOCANTS: &[&str] =
    &["", "", "", "2-", "3-", "4-", "1,2-", "2,2'-", "n,n-"];
const MULTIPLIERS: &[&str] = &["", "", "di", "tri", "tetra"];
const SUBSTITUENTS: &[&str] = &[
    "methyl",
    "ethyl",
    "propyl",
    "isopropyl",
    "butyl",
    "pentyl",
    "chloro",
    "fluoro",
    "bromo",
    "iodo",
    "amino",
    "nitro",
    "hydroxy",
    "cyano",
    "phenyl",
    "benzyl",
    "thio",
    "oxo",
    "carboxy",
    "sulfanyl",
    "phospho",
    "vinyl",
    "allyl",
    "acetyl",
];
const PARENTS: &[&str] = &[
    "ethanol",
    "methane",
    "benzene",
    "phosphonate",
    "phosphonofluoridate",
    "amine",
    "acetate",
    "sulfide",
    "ethane",
    "propanoate",
    "pyridine",
    "piperidine",
    "morpholine",
    "hydrazine",
    "silane",
    "borane",
    "carbamate",
    "thiolate",
    "phosphoramidate",
    "chloride",
];
const SYLLABLES: &[&str] = &[
    "ka", "zor", "vex", "tri", "lan", "mor", "qua", "dex", "fyr", "nol",
    "zan", "kel", "tor", "vir", "pax", "xen", "ryl", "sut", "bor", "gan",
];
const GOODS: &[&str] = &[
    "rotor",
    "valve",
    "pump",
    "centrifuge",
    "laser",
    "sensor",
    "controller",
    "assembly",
    "gyroscope",
    "furnace",
    "bellows",
    "magnet",
    "inverter",
    "thruster",
    "detector",
    "reactor",
    "nozzle",
    "spindle",
];

/// `n` distinct synthetic terms: chemical-like names
/// (`2,2'-dichloroethylphosphonate`) and made-up goods names
/// (`zorvexan turbo rotor`). The first `n` of a larger set are the
/// smaller set.
pub fn synthetic_terms(n: usize) -> Vec<String> {
    let mut rng = Rng::new(0x5eed_7e12);
    let mut seen = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let term = if rng.below(10) < 7 {
            let mut t = String::from(rng.word(LOCANTS));
            t.push_str(rng.word(MULTIPLIERS));
            t.push_str(rng.word(SUBSTITUENTS));
            if rng.below(2) == 0 {
                t.push_str(rng.word(SUBSTITUENTS));
            }
            t.push_str(rng.word(PARENTS));
            t
        } else {
            let mut t = String::new();
            for _ in 0..2 + rng.below(3) {
                t.push_str(rng.word(SYLLABLES));
            }
            if rng.below(3) == 0 {
                t.push_str(" turbo");
            }
            t.push(' ');
            t.push_str(rng.word(GOODS));
            t
        };
        if seen.insert(term.clone()) {
            out.push(term);
        }
    }
    out
}

/// Terms per watch entry when synthetic terms become lists (the embedded
/// lists have about 25 per entry).
pub const TERMS_PER_ENTRY: usize = 20;

/// Synthetic terms as ad-hoc watch lists, [`TERMS_PER_ENTRY`] per entry.
pub fn synthetic_lists(terms: &[String]) -> ControlLists {
    ControlLists::from_terms(
        terms
            .chunks(TERMS_PER_ENTRY)
            .enumerate()
            .map(|(i, chunk)| (format!("SYN-{i:05}"), chunk.to_vec())),
    )
    .expect("synthetic terms make valid lists")
}

/// The plain (not case-sensitive, context-free) name terms of the
/// embedded lists, in list order: the controlled terms put into the
/// corpus.
pub fn embedded_plain_terms() -> Vec<String> {
    ControlLists::embedded()
        .entries()
        .iter()
        .flat_map(|e| e.terms())
        .filter(|t| !t.case_sensitive && t.context.is_empty())
        .map(|t| t.text.clone())
        .collect()
}

/// Every name term of the embedded lists, lower-cased and deduplicated:
/// what a plain matcher would be given.
pub fn embedded_terms_lowercase() -> Vec<String> {
    let mut seen = HashSet::new();
    ControlLists::embedded()
        .entries()
        .iter()
        .flat_map(|e| e.terms())
        .map(|t| t.text.to_lowercase())
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

const UNITS: &[&str] = &[
    "pcs", "kg", "cartons", "drums", "pallets", "sets", "rolls", "bags",
    "boxes", "litres", "m", "pairs",
];
const ATTRIBUTES: &[&str] = &[
    "packed in cartons",
    "on 12 pallets",
    "as per invoice",
    "origin CN",
    "origin DE",
    "as per PO 4500123",
    "new, unused",
    "FOB Shanghai",
    "CIF Rotterdam",
    "net weight 250 kg",
    "gross weight 1,200 kg",
    "model XR-200",
    "for industrial use",
    "spare parts",
    "batch 2024-117",
    "colour white",
];

/// (goods, qualifiers) in French, German, Spanish, Russian and Chinese.
const FOREIGN: &[(&[&str], &[&str])] = &[
    (
        &[
            "tissus de coton écru",
            "pièces détachées pour tracteurs",
            "chaussures en cuir véritable",
            "vêtements de travail imprégnés",
            "matériel électrique isolé",
            "pâtes alimentaires sèches",
            "fûts métalliques vides",
            "câbles électriques armés",
        ],
        &[
            "qualité supérieure",
            "emballé sous vide",
            "origine République tchèque",
            "selon facture nº 2024/117",
            "livré départ usine",
            "poids net déclaré",
        ],
    ),
    (
        &[
            "Ersatzteile für Landmaschinen",
            "Kugellager aus Stahl",
            "Bürostühle mit Rückenlehne",
            "Schläuche aus vulkanisiertem Kautschuk",
            "Spülmaschinen für Großküchen",
            "Werkzeugmaschinen gebraucht",
        ],
        &[
            "Größe XL",
            "Ursprungsland Österreich",
            "in Kartons verpackt",
            "gemäß Rechnung Nr. 4711",
            "für gewerbliche Nutzung",
            "Nettogewicht 250 kg",
        ],
    ),
    (
        &[
            "piezas de repuesto para camiones",
            "aceite de oliva virgen extra",
            "baldosas cerámicas esmaltadas",
            "jamón curado en lonchas",
            "tuberías de polietileno",
        ],
        &[
            "fabricación española",
            "embalaje de cartón",
            "según factura nº 1234",
            "año de fabricación 2023",
        ],
    ),
    (
        &[
            "запасные части для тракторов",
            "хлопчатобумажная ткань отбеленная",
            "стальные трубы бесшовные",
            "мебель офисная деревянная",
            "электрические кабели в изоляции",
            "замороженная рыба филе",
            "детская обувь кожаная",
        ],
        &[
            "страна происхождения Китай",
            "в картонных коробках",
            "согласно счёту № 117",
            "вес нетто 250 кг",
            "для промышленного использования",
            "новые, не бывшие в употреблении",
        ],
    ),
    (
        &[
            "棉制针织T恤衫",
            "不锈钢厨房水槽",
            "冷冻去骨牛肉",
            "带USB充电口的LED台灯",
            "农用拖拉机零件齿轮",
            "聚乙烯塑料管材",
            "陶瓷釉面砖",
            "男式皮鞋",
        ],
        &[
            "原产国中国",
            "纸箱包装",
            "按发票第117号",
            "净重250公斤",
            "工业用途",
            "全新未使用",
        ],
    ),
];

/// Ordinary goods used when the HS file is not there.
const ORDINARY: &[&str] = &[
    "ladies cotton T-shirts, knitted, 100% cotton",
    "stainless steel kitchen sinks, single bowl",
    "frozen boneless beef cuts, vacuum packed",
    "LED desk lamps with USB charging port",
    "spare parts for agricultural tractors: gear wheels",
];

/// HS text cut to at most `max` bytes at a word boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(' ') {
        Some(space) => text[..space].trim_end_matches([',', ';']),
        None => &text[..end],
    }
}

/// `n` goods descriptions (see the crate docs), 110 bytes on average.
/// `controlled` are the real controlled terms to mix in (usually
/// [`embedded_plain_terms`]), `synthetic` at least the first 1,000
/// synthetic terms.
pub fn corpus(
    n: usize,
    controlled: &[String],
    synthetic: &[String],
) -> Vec<String> {
    let hs = hs_descriptions()
        .unwrap_or_else(|| ORDINARY.iter().map(|s| s.to_string()).collect());
    let synthetic = &synthetic[..synthetic.len().min(1000)];
    let mut rng = Rng::new(0xc0de_2022);
    (0..n)
        .map(|i| {
            let qty = 1 + rng.below(5000);
            let unit = rng.word(UNITS);
            if i % 200 < CONTROLLED_PER_200 {
                let real = rng.pick(controlled);
                let syn = rng.pick(synthetic);
                let attr = rng.word(ATTRIBUTES);
                return format!("{qty} {unit} {real}, {syn} grade, {attr}");
            }
            match rng.below(20) {
                0..=9 => rng.pick(&hs).clone(),
                10..=17 => {
                    let goods = cut(rng.pick(&hs).as_str(), 95);
                    let a = rng.word(ATTRIBUTES);
                    let b = rng.word(ATTRIBUTES);
                    format!("{qty} {unit} {goods}, {a}, {b}")
                }
                _ => {
                    let (goods, quals) = rng.pick(FOREIGN);
                    let g = rng.word(goods);
                    let a = rng.word(quals);
                    let b = rng.word(quals);
                    let c = rng.word(quals);
                    format!("{qty} kg {g}, {a}, {b}, {c}")
                }
            }
        })
        .collect()
}

/// The descriptions of `../shared/data/hs-nomenclature.csv`.
pub fn hs_descriptions() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/hs-nomenclature.csv");
    let text = std::fs::read_to_string(path).ok()?;
    let out: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| csv_fields(l).into_iter().nth(2))
        .filter(|d| !d.is_empty())
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The fields of one CSV line (RFC 4180 quoting; no line breaks inside
/// fields, which the HS file does not have).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// A script of the per-description samples.
#[derive(Clone, Debug)]
pub struct Samples {
    /// `ascii`, `latin` (with accents), `chinese`, `russian`.
    pub script: &'static str,
    /// About 40 bytes, no hit.
    pub short: &'static str,
    /// About 120 bytes, no hit.
    pub typical: &'static str,
    /// Lines of an invoice making about 4 KB, one of them naming
    /// thiodiglycol (entry 1C350.1) in that language.
    pub long: String,
}

/// Short, typical and long descriptions in ASCII, Latin with accents,
/// Chinese and Russian.
pub fn samples() -> Vec<Samples> {
    let make = |script, short, typical, lines: &[&str], controlled: &str| {
        let mut long = String::new();
        let mut i = 0;
        while long.len() < 4096 {
            if i == 9 {
                long.push_str(controlled);
            } else {
                long.push_str(lines[i % lines.len()]);
            }
            long.push_str("; ");
            i += 1;
        }
        Samples {
            script,
            short,
            typical,
            long,
        }
    };
    vec![
        make(
            "ascii",
            "LED desk lamps with USB port, 200 pcs",
            "Stainless steel kitchen sinks, single bowl, brushed finish, \
             packed in cartons, 48 pcs per pallet, origin CN, as per PO",
            &[
                "ladies cotton T-shirts, knitted, 100% cotton, 1,200 pcs",
                "frozen boneless beef cuts, vacuum packed, 18 t",
                "spare parts for agricultural tractors: gear wheels, 40 sets",
                "polyethylene pipes PE100 SDR11, 110 mm, 600 m",
            ],
            "Thiodiglycol 99% 200L drums, 4 drums",
        ),
        make(
            "latin",
            "Chaussures en cuir véritable, 120 paires",
            "Pièces détachées pour tracteurs agricoles, engrenages traités, \
             qualité supérieure, emballé sous vide, nº 2024/117",
            &[
                "tissus de coton écru, largeur 150 cm, 2 400 m",
                "Kugellager aus Stahl, Größe 6204, 5 000 Stück",
                "baldosas cerámicas esmaltadas, fabricación española",
                "vêtements de travail imprégnés, taille XL, 300 pièces",
            ],
            "thiodiéthanol 99 %, 4 fûts de 200 l",
        ),
        make(
            "chinese",
            "不锈钢厨房水槽单槽拉丝48件",
            "带USB充电口的LED台灯，塑料外壳，纸箱包装，\
             每箱24件，原产国中国，按发票第117号，新品",
            &[
                "棉制针织T恤衫，100%棉，1200件",
                "冷冻去骨牛肉，真空包装，18吨",
                "农用拖拉机零件齿轮，40套",
                "聚乙烯塑料管材PE100，110毫米，600米",
            ],
            "硫二甘醇 桶装 25kg，4桶",
        ),
        make(
            "russian",
            "Обувь кожаная, 120 пар",
            "Запчасти для тракторов: шестерни, в коробках, \
             по счёту № 117, Китай",
            &[
                "хлопчатобумажная ткань отбеленная, 2400 м",
                "стальные трубы бесшовные, 110 мм, 600 м",
                "мебель офисная деревянная, 40 комплектов",
                "замороженная рыба филе, 18 т",
            ],
            "тиодигликоль 99 %, 4 бочки по 200 л",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_sets_nest_and_are_distinct() {
        let big = synthetic_terms(10_000);
        assert_eq!(synthetic_terms(1_000), big[..1_000]);
        let distinct: HashSet<&String> = big.iter().collect();
        assert_eq!(distinct.len(), big.len());
    }

    #[test]
    fn samples_have_their_sizes() {
        for s in samples() {
            assert!((30..=50).contains(&s.short.len()), "{}", s.short);
            assert!((100..=140).contains(&s.typical.len()), "{}", s.typical);
            assert!((4096..=4400).contains(&s.long.len()), "{}", s.script);
        }
    }

    #[test]
    fn corpus_is_typical_customs_text() {
        let terms = synthetic_terms(1_000);
        let c = corpus(20_000, &embedded_plain_terms(), &terms);
        let mean = c.iter().map(String::len).sum::<usize>() / c.len();
        assert!((95..=130).contains(&mean), "mean length {mean}");
        let foreign = c.iter().filter(|d| !d.is_ascii()).count();
        assert!(foreign > c.len() / 20, "{foreign} non-ASCII descriptions");
    }
}
