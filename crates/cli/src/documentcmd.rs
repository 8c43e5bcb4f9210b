//! `nastavnik document`: renders a document from its JSON view model, lists the kinds with
//! samples and the placeholders a school's blank may use.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand, ValueEnum};
use documents::{DocumentError, Format};

/// The largest JSON view model read (a base of 100,000 rows is about 60 MB).
const MAX_DATA: u64 = 512 * 1024 * 1024;
/// The largest school blank read.
const MAX_BLANK: u64 = 20 * 1024 * 1024;

/// Subcommands of `nastavnik document`.
#[derive(Subcommand)]
pub enum DocumentCommand {
    /// Сформировать документ из JSON-данных.
    Render(RenderArgs),
    /// Перечислить виды документов; с --sample напечатать пример данных вида.
    Kinds {
        /// Напечатать пример JSON для этого вида.
        #[arg(long)]
        sample: Option<String>,
        /// Записать примеры всех видов в каталог (KIND.json).
        #[arg(long)]
        samples: Option<PathBuf>,
    },
    /// Перечислить поля {{…}}, которые можно поставить в бланк школы.
    Fields {
        /// Вид документа.
        #[arg(long)]
        kind: String,
        /// Файл данных JSON.
        #[arg(long)]
        data: PathBuf,
    },
}

/// Arguments of `nastavnik document render`.
#[derive(Args)]
pub struct RenderArgs {
    /// Вид документа (список: nastavnik document kinds).
    #[arg(long)]
    kind: String,
    /// Файл данных JSON.
    #[arg(long)]
    data: PathBuf,
    /// Формат файла.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Куда записать документ.
    #[arg(long)]
    out: PathBuf,
    /// Бланк школы .docx с полями {{…}} вместо встроенной формы.
    #[arg(long)]
    template: Option<PathBuf>,
    /// Напечатать в stderr время формирования.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Docx,
    Pdf,
    Xlsx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Docx => Format::Docx,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

/// Runs the command; the exit status is 0 on success and 1 with a message on stderr.
pub fn run(cmd: DocumentCommand) -> i32 {
    match execute(cmd) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("ошибка: {msg}");
            1
        }
    }
}

fn execute(cmd: DocumentCommand) -> Result<(), String> {
    match cmd {
        DocumentCommand::Render(args) => render(args),
        DocumentCommand::Kinds { sample: Some(code), .. } => {
            let k = documents::kind(&code).map_err(|e| e.to_string())?;
            println!("{}", k.sample.trim_end());
            Ok(())
        }
        DocumentCommand::Kinds { samples: Some(dir), .. } => {
            fs::create_dir_all(&dir).map_err(|e| format!("каталог {}: {e}", dir.display()))?;
            for k in documents::kinds() {
                let path = dir.join(format!("{}.json", k.code));
                fs::write(&path, k.sample).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            println!("примеры записаны в {}", dir.display());
            Ok(())
        }
        DocumentCommand::Kinds { .. } => {
            for k in documents::kinds() {
                let formats = k.formats.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
                println!("{:<22} {:<8} {}", k.code, formats, k.title);
            }
            println!("\nПример данных: nastavnik document kinds --sample KIND; все примеры: --samples КАТАЛОГ");
            Ok(())
        }
        DocumentCommand::Fields { kind, data } => {
            let json = read_limited(&data, MAX_DATA, "файл данных")?;
            for name in documents::placeholders(&kind, &json).map_err(|e| e.to_string())? {
                println!("{{{{{name}}}}}");
            }
            Ok(())
        }
    }
}

fn render(args: RenderArgs) -> Result<(), String> {
    let started = Instant::now();
    let json = read_limited(&args.data, MAX_DATA, "файл данных")?;
    let blank = match &args.template {
        Some(p) => Some(read_limited(p, MAX_BLANK, "бланк")?),
        None => None,
    };
    let bytes = documents::render(&args.kind, &json, args.format.into(), blank.as_deref())
        .map_err(|e: DocumentError| e.to_string())?;
    write_atomically(&args.out, &bytes)?;
    if args.stats {
        eprintln!(
            "документ: {} байт за {:.3} с",
            bytes.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("{what} {} не открывается: {e}", path.display()))?;
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{what} {} не читается: {e}", path.display()))?;
    if buf.len() as u64 > limit {
        return Err(format!("{what} {} больше {} МБ", path.display(), limit / 1024 / 1024));
    }
    Ok(buf)
}

/// Writes next to the target and renames, so a failure never leaves a half-written document.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("файл {} не записан: {e}", path.display())
    })
}
