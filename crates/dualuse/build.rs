//! Embeds every `lists/*.toml` file of the repository in the library, so
//! `Screener::default()` needs no file at run time (a Spark executor or a
//! service container has none).

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let lists = manifest.join("../../lists");
    println!("cargo:rerun-if-changed={}", lists.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&lists)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    // Sorted so the embedded set, and so its hash, does not depend on the
    // order the file system lists files in.
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(f).unwrap();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("lists/{name}"),
            abs.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}
