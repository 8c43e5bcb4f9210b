//! `nastavnik import` and `nastavnik export`: the bases and the school's lists at the
//! command line, with the same checks and report as the web upload.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use app::bases::{BaseQuery, ExportFormat};
use app::import::{Progress, Stage, Upload};
use app::{Actor, App};
use clap::{Args, ValueEnum};
use domain::base::BaseKind;
use domain::roster::{ListKind, Problem, Severity};

/// Arguments of `nastavnik import`.
#[derive(Args)]
pub struct ImportArgs {
    /// Номер школы (nastavnik org list).
    #[arg(long)]
    org: i64,
    /// Что в файле: students (обучающиеся), staff (сотрудники), mentors или mentees (базы).
    #[arg(long, value_enum)]
    list: ListArg,
    /// Файл XLSX или CSV.
    #[arg(long)]
    file: PathBuf,
    /// Учебный год базы: 2025 или 2025/2026 (по умолчанию текущий).
    #[arg(long)]
    year: Option<String>,
    /// Записать в базу данных (без флага — только проверка).
    #[arg(long)]
    commit: bool,
    /// Не показывать индикатор хода.
    #[arg(long)]
    quiet: bool,
}

/// Arguments of `nastavnik export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Номер школы.
    #[arg(long)]
    org: i64,
    /// mentors или mentees.
    #[arg(long, value_enum)]
    base: BaseArg,
    /// xlsx или csv.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: FormatArg,
    /// Файл для записи.
    #[arg(long)]
    out: PathBuf,
    /// Учебный год: 2025 или 2025/2026 (по умолчанию текущий).
    #[arg(long)]
    year: Option<String>,
    /// Только статус (candidate, in_base, in_pair, finished, left).
    #[arg(long)]
    status: Option<String>,
    /// Только teacher (из числа педагогов) или learner (из числа обучающихся).
    #[arg(long)]
    group: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListArg {
    Students,
    Staff,
    Mentors,
    Mentees,
}

#[derive(Clone, Copy, ValueEnum)]
enum BaseArg {
    Mentors,
    Mentees,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Xlsx,
    Csv,
}

/// One problem as one Russian line: «строка 7, столбец «Класс» (E): …».
pub fn problem_line(p: &Problem) -> String {
    let message = web::i18n::L.args(p.code, &p.args);
    let kind = match p.severity {
        Severity::Error => "ошибка",
        Severity::Warning => "предупреждение",
    };
    match (p.row, &p.column) {
        (Some(row), Some(column)) => format!("{kind}: строка {row}, столбец {column}: {message}"),
        (Some(row), None) => format!("{kind}: строка {row}: {message}"),
        (None, Some(column)) => format!("{kind}: столбец {column}: {message}"),
        (None, None) => format!("{kind}: {message}"),
    }
}

/// The operator at the command line, acting as the school's curator: importing lists and
/// keeping the bases are the curator's work, and the administrator's role (what
/// `Actor::operator` holds) grants neither.
fn curator(org: i64) -> Actor {
    Actor {
        role: domain::Role::Curator,
        ..Actor::operator(org)
    }
}

fn year(text: Option<&str>) -> anyhow::Result<Option<domain::AcademicYear>> {
    let Some(t) = text else { return Ok(None) };
    let start: i32 = t
        .split(['/', '-', '–'])
        .next()
        .and_then(|s| s.trim().parse().ok())
        .filter(|y| (2000..=2100).contains(y))
        .context("учебный год пишется как 2025 или 2025/2026")?;
    Ok(Some(domain::AcademicYear::starting(start)))
}

/// Checks a file and, with `--commit`, writes it; the report goes to stdout. Exit status 1
/// when the file has errors.
pub async fn import(app: &App, args: ImportArgs) -> anyhow::Result<i32> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("не удалось прочитать {}", args.file.display()))?;
    let upload = Upload {
        kind: match args.list {
            ListArg::Students => ListKind::Students,
            ListArg::Staff => ListKind::Staff,
            ListArg::Mentors => ListKind::Mentors,
            ListArg::Mentees => ListKind::Mentees,
        },
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        year: year(args.year.as_deref())?,
        bytes,
    };
    let actor = curator(args.org);
    let progress = std::sync::Arc::new(Progress::default());
    let bar = (!args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} строк")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        let (p, b) = (progress.clone(), bar.clone());
        tokio::spawn(async move {
            loop {
                let (stage, done, total) = p.get();
                b.set_length(total as u64);
                b.set_position(done as u64);
                b.set_message(match stage {
                    Stage::Reading => "чтение",
                    Stage::Checking => "проверка",
                    Stage::Comparing => "сравнение",
                    Stage::Writing => "запись",
                    Stage::Done => "готово",
                });
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        bar
    });
    let started = std::time::Instant::now();
    let report = if args.commit {
        app.import_commit(&actor, &upload, &progress).await
    } else {
        app.import_dry_run(&actor, &upload, &progress).await
    }
    .map_err(crate::explain)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(e) = &report.file_error {
        println!("ошибка: {e}");
        return Ok(1);
    }
    println!(
        "Файл: {}, строка заголовка {}",
        report.format,
        report.header_row.unwrap_or(0)
    );
    for p in &report.problems {
        println!("{}", problem_line(p));
    }
    println!(
        "Строк с данными: {} (без ошибок: {}); новых участников: {}, изменённых: {}, без изменений: {}; новых законных представителей: {}; \
         записей базы: {} новых, {} обновить",
        report.rows,
        report.clean_rows,
        report.new_people,
        report.updated_people,
        report.unchanged_people,
        report.new_guardians,
        report.new_entries,
        report.updated_entries
    );
    println!("Ошибок: {}, предупреждений: {}", report.errors(), report.warnings());
    if report.committed {
        println!("Записано в базу данных за {:.2} с.", started.elapsed().as_secs_f64());
    } else if report.errors() > 0 {
        println!("Ничего не записано: исправьте ошибки в файле и загрузите его снова.");
    } else {
        println!(
            "Проверка пройдена за {:.2} с. Чтобы записать, повторите с --commit.",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(i32::from(report.errors() > 0))
}

/// Writes a base to a file (written next to it, then renamed).
pub async fn export(app: &App, args: ExportArgs) -> anyhow::Result<()> {
    let actor = curator(args.org);
    let q = BaseQuery {
        year: args.year,
        status: args.status,
        group: args.group,
        ..Default::default()
    };
    let base = match args.base {
        BaseArg::Mentors => BaseKind::Mentors,
        BaseArg::Mentees => BaseKind::Mentees,
    };
    let format = match args.format {
        FormatArg::Xlsx => ExportFormat::Xlsx,
        FormatArg::Csv => ExportFormat::Csv,
    };
    let started = std::time::Instant::now();
    let bytes = app
        .export_base(&actor, base, &q, format)
        .await
        .map_err(crate::explain)?;
    let tmp = args.out.with_extension("tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("не удалось записать {}", tmp.display()))?;
    std::fs::rename(&tmp, &args.out).with_context(|| format!("не удалось записать {}", args.out.display()))?;
    eprintln!(
        "Записано {} ({} байт) за {:.2} с.",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
