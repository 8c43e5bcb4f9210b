//! `nastavnik match`: reads an instance file (FORMAT.md), pairs, writes the solution.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, ValueEnum};
use matching::format::{read_instance, write_solution};
use matching::{Lang, Objective, explain};

/// Arguments of `nastavnik match`.
#[derive(Args)]
pub struct MatchArgs {
    /// Файл задачи (формат nastavnik-match 1).
    #[arg(long)]
    instance: PathBuf,
    /// stable — устойчивое распределение (выбор наставляемых решает); optimal — наибольшая сумма оценок.
    #[arg(long, value_enum)]
    algorithm: Algorithm,
    /// Для optimal: score — наибольшая сумма; participants — больше всего пар, затем наибольшая сумма.
    #[arg(long, value_enum, default_value = "score")]
    objective: ObjectiveArg,
    /// Файл решения (формат nastavnik-solution 1).
    #[arg(long)]
    out: PathBuf,
    /// Файл с причинами для каждого наставляемого без пары.
    #[arg(long)]
    explain: Option<PathBuf>,
    /// Язык сообщений: ru или en (английские совпадают с check.py).
    #[arg(long, value_enum, default_value = "ru", env = "NASTAVNIK_LANG")]
    lang: LangArg,
    /// Число потоков для чтения файла (по умолчанию — число ядер).
    #[arg(long, env = "NASTAVNIK_THREADS")]
    threads: Option<usize>,
    /// Напечатать в stderr время чтения, расчёта и записи и пик памяти.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Algorithm {
    Stable,
    Optimal,
}

#[derive(Clone, Copy, ValueEnum)]
enum ObjectiveArg {
    Score,
    Participants,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ru,
    En,
}

/// Runs the command; the exit status is 0 on success and 1 with a message on stderr.
pub fn run(args: MatchArgs) -> i32 {
    let lang = match args.lang {
        LangArg::Ru => Lang::Ru,
        LangArg::En => Lang::En,
    };
    match run_inner(&args, lang) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

fn run_inner(args: &MatchArgs, lang: Lang) -> Result<(), String> {
    let t0 = Instant::now();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let path = args.instance.display();
    let file = File::open(&args.instance)
        .map_err(|e| lang.text("cli-open", &[("path", path.to_string()), ("error", e.to_string())]))?;
    let inst = read_instance(file, threads).map_err(|e| format!("{path}:{}", e.message(lang)))?;
    let t1 = Instant::now();
    let (result, mode) = match args.algorithm {
        Algorithm::Stable => (matching::stable(&inst), "stable"),
        Algorithm::Optimal => {
            let objective = match args.objective {
                ObjectiveArg::Score => Objective::Score,
                ObjectiveArg::Participants => Objective::Participants,
            };
            (matching::optimal(&inst, objective), "optimal")
        }
    };
    let reasons = args.explain.as_ref().map(|_| explain(&inst, &result));
    let t2 = Instant::now();
    let write_err = |e: std::io::Error| {
        lang.text(
            "cli-write",
            &[("path", args.out.display().to_string()), ("error", e.to_string())],
        )
    };
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&args.out).map_err(write_err)?);
    write_solution(&mut out, &inst, &result, mode).map_err(write_err)?;
    out.flush().map_err(write_err)?;
    if let (Some(path), Some(reasons)) = (&args.explain, &reasons) {
        let err = |e: std::io::Error| {
            lang.text(
                "cli-write",
                &[("path", path.display().to_string()), ("error", e.to_string())],
            )
        };
        let mut f = BufWriter::new(File::create(path).map_err(err)?);
        for r in reasons {
            writeln!(f, "{}", r.describe(lang)).map_err(err)?;
        }
        f.flush().map_err(err)?;
    }
    let t3 = Instant::now();
    if args.stats {
        eprintln!(
            "stats parse_s={:.4} solve_s={:.4} write_s={:.4} total_s={:.4} threads={threads} peak_rss_mb={:.1} pairs={} unmatched={} total={}",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            (t3 - t2).as_secs_f64(),
            (t3 - t0).as_secs_f64(),
            peak_rss_mb(),
            result.pairs(),
            inst.n as usize - result.pairs(),
            result.total(&inst),
        );
    }
    Ok(())
}

/// Peak resident memory of this process (Linux `VmHWM`), 0 where unknown.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()))
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
