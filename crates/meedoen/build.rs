// `sqlx::migrate!` embeds the migrations when the crate compiles. Without this line, a commit
// that only adds a migration does not rebuild the crate, and the binary runs without it.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
