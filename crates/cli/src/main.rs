//! `nastavnik`: the server, migrations, accounts, demo data and backups.

mod accountcmd;
mod basescmd;
mod config;
mod documentcmd;
mod matchcmd;

/// mimalloc: the server allocates many small strings per page; glibc malloc showed up in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};
use app::demo::Scale;
use app::{Actor, App};
use clap::{Parser, Subcommand, ValueEnum};
use domain::OrgKind;
use storage::Store;

use config::FileConfig;

/// Наставник — целевая модель наставничества в школе, муниципалитете и регионе.
#[derive(Parser)]
#[command(name = "nastavnik", version, about)]
struct Cli {
    /// База данных: `sqlite:ПУТЬ` (по умолчанию `sqlite:nastavnik.db`) или `postgres://…`.
    #[arg(long, global = true, env = "NASTAVNIK_DATABASE_URL")]
    database_url: Option<String>,
    /// Файл настроек TOML (по умолчанию `./nastavnik.toml`, если есть).
    #[arg(long, global = true, env = "NASTAVNIK_CONFIG")]
    config: Option<PathBuf>,
    /// Формат журнала: text или json.
    #[arg(long, global = true, env = "NASTAVNIK_LOG_FORMAT")]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Запустить веб-сервер.
    Serve {
        /// Адрес и порт.
        #[arg(long, env = "NASTAVNIK_LISTEN")]
        listen: Option<SocketAddr>,
        /// Заполнить пустую базу демонстрационной школой.
        #[arg(long)]
        demo: bool,
        /// Сервер доступен по HTTPS (напрямую или через прокси): cookie `__Host-` с флагом Secure.
        #[arg(long, env = "NASTAVNIK_TLS")]
        tls: bool,
    },
    /// Применить миграции базы данных.
    Migrate,
    /// Заполнить пустую базу демонстрационными данными.
    Demo {
        /// school: 2 школы, ~600 человек; region: 1000 школ, 250 000 человек.
        #[arg(long, value_enum, default_value = "school")]
        scale: DemoScale,
    },
    /// Учётные записи.
    #[command(subcommand)]
    User(accountcmd::UserCommand),
    /// API-токены: список и отзыв.
    #[command(subcommand)]
    Token(accountcmd::TokenCommand),
    /// Организации.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Подобрать пары по файлу задачи: устойчивое или оптимальное распределение.
    Match(matchcmd::MatchArgs),
    /// Записать задачу подбора пар школы в файл (формат nastavnik-match 1), чтобы замерить
    /// `match` на тех же данных, что и страница подбора.
    RoundFile {
        /// Школа (id из `org list`).
        #[arg(long)]
        org: i64,
        /// Подбор пар (номер).
        #[arg(long)]
        round: i64,
        /// Файл задачи.
        #[arg(long)]
        out: PathBuf,
    },
    /// Документы: приказы, положение, дорожная карта, программы, отчёты, базы, грамоты.
    #[command(subcommand)]
    Document(documentcmd::DocumentCommand),
    /// Загрузить список обучающихся, сотрудников или базу из XLSX/CSV (сначала проверка).
    Import(basescmd::ImportArgs),
    /// Выгрузить базу наставников или наставляемых в XLSX или CSV.
    Export(basescmd::ExportArgs),
    /// Записать согласованную копию базы SQLite (права 0600).
    Backup {
        /// Файл копии.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DemoScale {
    School,
    Region,
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Список организаций.
    List,
    /// Создать регион, муниципалитет или школу.
    Create {
        /// region, municipality или school.
        #[arg(long)]
        kind: String,
        /// Полное наименование.
        #[arg(long)]
        name: String,
        /// Краткое наименование.
        #[arg(long)]
        short: String,
        /// Номер вышестоящей организации.
        #[arg(long)]
        parent: Option<i64>,
        /// Часовой пояс IANA.
        #[arg(long, default_value = "Europe/Moscow")]
        timezone: String,
        /// Текущий учебный год школы, например 2025/2026.
        #[arg(long)]
        year: Option<String>,
    },
}

fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NASTAVNIK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // Pairing and documents need neither the database nor the async runtime.
    match cli.command {
        Command::Match(args) => std::process::exit(matchcmd::run(args)),
        Command::Document(cmd) => std::process::exit(documentcmd::run(cmd)),
        command => run_with_runtime(Cli { command, ..cli }),
    }
}

fn run_with_runtime(cli: Cli) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run_server_commands(cli))
}

async fn run_server_commands(cli: Cli) -> anyhow::Result<()> {
    let file = FileConfig::load(cli.config.as_deref())?;
    init_tracing(
        cli.log_format
            .as_deref()
            .or(file.log_format.as_deref())
            .unwrap_or("text"),
    );
    config::warn_unknown_env();
    let url = cli
        .database_url
        .clone()
        .or(file.database_url.clone())
        .unwrap_or_else(|| "sqlite:nastavnik.db".into());
    precreate_private_sqlite(&url)?;
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("не удалось открыть базу данных {}", redact(&url)))?;
    store.migrate().await.context("не удалось применить миграции")?;
    if file.lockout_threshold.is_some() || file.lockout_minutes.is_some() {
        // Failed logins now slow the next attempt per login and address (domain::throttle).
        tracing::warn!("lockout_threshold и lockout_minutes больше не действуют: учётные записи не блокируются");
    }
    let settings = app::Settings {
        totp_required_for_managers: std::env::var("NASTAVNIK_TOTP_REQUIRED_FOR_MANAGERS")
            .map(|v| v == "1" || v == "true")
            .ok()
            .or(file.totp_required_for_managers)
            .unwrap_or(false),
    };
    let app = App::new(store.clone(), settings);
    let result = run(cli.command, &app, &file, &url).await;
    store.close().await;
    result
}

async fn run(command: Command, app: &App, file: &FileConfig, url: &str) -> anyhow::Result<()> {
    match command {
        Command::Migrate => println!("Миграции применены: {}", redact(url)),
        Command::Demo { scale } => seed(app, scale).await?,
        Command::Serve { listen, demo, tls } => serve(app, file, listen, demo, tls).await?,
        Command::User(cmd) => accountcmd::user(app, cmd).await?,
        Command::Token(cmd) => accountcmd::token(app, cmd).await?,
        Command::Org(cmd) => org(app, cmd).await?,
        Command::Backup { out } => backup(app, &out).await?,
        Command::Import(args) => {
            let code = basescmd::import(app, args).await?;
            if code != 0 {
                std::process::exit(code);
            }
        }
        Command::Export(args) => basescmd::export(app, args).await?,
        Command::RoundFile { org, round, out } => round_file(app, org, round, &out).await?,
        Command::Match(args) => std::process::exit(matchcmd::run(args)),
        Command::Document(cmd) => std::process::exit(documentcmd::run(cmd)),
    }
    Ok(())
}

/// Writes a school's pairing round as the engine's problem file.
async fn round_file(app: &App, org: i64, round: i64, out: &std::path::Path) -> anyhow::Result<()> {
    // The operator reads the round as the school's curator would.
    let actor = app::Actor {
        role: domain::Role::Curator,
        ..app::Actor::operator(org)
    };
    let (inst, engine) = app.round_instance(&actor, round).await.map_err(explain)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    matching::format::write_instance(&mut w, &inst)?;
    std::io::Write::flush(&mut w)?;
    println!(
        "Задача записана: {} наставляемых, {} наставников, {} допустимых пар",
        inst.n,
        inst.m(),
        inst.edges()
    );
    // The engine on the profiles themselves: scores, rules, pairing, reasons.
    println!(
        "engine propose on the profiles: {:.1} ms",
        engine.as_secs_f64() * 1000.0
    );
    Ok(())
}

async fn seed(app: &App, scale: DemoScale) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let scale = match scale {
        DemoScale::School => Scale::School,
        DemoScale::Region => Scale::Region,
    };
    match app.seed_demo(scale).await? {
        Some(accounts) => {
            app.seed_demo_pairing().await?;
            println!(
                "Демонстрационные данные созданы за {:.1} с.",
                started.elapsed().as_secs_f64()
            );
            print_accounts(&accounts);
        }
        None => println!("База уже содержит организации: демонстрационные данные не добавлены."),
    }
    Ok(())
}

fn print_accounts(accounts: &[app::demo::DemoAccount]) {
    println!("Демонстрационные учётные записи (пароль у всех: demo):");
    for a in accounts {
        println!(
            "  {:<14} {:<40} {}",
            a.login,
            web::i18n::L.t(&format!("role-{}", a.role.code())),
            a.org
        );
    }
}

async fn serve(app: &App, file: &FileConfig, listen: Option<SocketAddr>, demo: bool, tls: bool) -> anyhow::Result<()> {
    if demo {
        if let Some(accounts) = app.seed_demo(Scale::School).await? {
            // The pairing stage: an approved order and a round in progress.
            app.seed_demo_pairing().await?;
            println!("Создана демонстрационная школа.");
            print_accounts(&accounts);
        } else {
            println!("Демонстрационный режим: логины — в README (curator, head, admin …), пароль demo.");
        }
    }
    match &file.smtp {
        Some(smtp) => {
            web::mail::spawn(app.clone(), smtp.clone())?;
            println!("Письма отправляются через {}:{}.", smtp.host, smtp.port);
        }
        None => println!("Почтовый сервер не настроен (раздел [smtp] файла настроек): письма ждут в очереди."),
    }
    let listen = listen
        .or_else(|| file.listen.as_deref().and_then(|l| l.parse().ok()))
        .unwrap_or(([127, 0, 0, 1], 8080).into());
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .ok();
    let config = web::WebConfig {
        tls: tls || file.tls.unwrap_or(false),
        idle_minutes: file.session_idle_minutes.unwrap_or(30),
        absolute_hours: file.session_absolute_hours.unwrap_or(12),
        logins_per_minute: file.logins_per_minute.unwrap_or(30),
        demo,
    };
    let state = web::AppState::new(app.clone(), config, metrics);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("не удалось занять адрес {listen}"))?;
    println!("«Наставник» работает: http://{listen}/  (остановить — Ctrl+C)");
    if demo {
        println!("Войдите как куратор: логин curator, пароль demo.");
    }
    tracing::info!(%listen, "listening");
    web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

pub(crate) fn explain(e: app::AppError) -> anyhow::Error {
    match e {
        app::AppError::Invalid(v) => anyhow::anyhow!(
            v.0.iter()
                .map(|v| web::i18n::L.violation(v))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        app::AppError::NotFound => {
            anyhow::anyhow!("не найдено: проверьте номер (nastavnik user list, nastavnik org list)")
        }
        app::AppError::Forbidden => {
            anyhow::anyhow!("у учётной записи нет такой роли в этой организации (nastavnik user list покажет роли)")
        }
        other => anyhow::anyhow!(other),
    }
}

async fn org(app: &App, cmd: OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::List => {
            for o in app.organizations().await.map_err(explain)? {
                println!("{:>6}  {:<13} {:<40} {}", o.id, o.kind.code(), o.short_name, o.timezone);
            }
        }
        OrgCommand::Create {
            kind,
            name,
            short,
            parent,
            timezone,
            year,
        } => {
            let kind = OrgKind::from_code(&kind).context("вид организации: region, municipality или school")?;
            // Check the year before creating anything, so a typo does not leave half an organization.
            if let Some(y) = &year {
                domain::AcademicYear::parse("year", y).map_err(|v| explain(v.into()))?;
            }
            let id = app
                .create_org(&Actor::operator(0), kind, &name, &short, parent, &timezone)
                .await
                .map_err(explain)?;
            if let Some(y) = year {
                app.add_academic_year(&Actor::operator(id), id, &y, true)
                    .await
                    .map_err(explain)?;
            }
            println!("Организация «{short}» создана (№ {id}).");
        }
    }
    Ok(())
}

async fn backup(app: &App, out: &std::path::Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("файл {} уже существует: укажите новый", out.display());
    }
    if app.store.backend() == storage::Backend::Postgres {
        println!(
            "Для PostgreSQL используйте pg_dump, например: pg_dump --format=custom --file=nastavnik.dump \"$NASTAVNIK_DATABASE_URL\""
        );
        return Ok(());
    }
    // Create the file empty with mode 0600 first: the copy holds minors' personal data
    // and must never be readable by others, not even for a moment.
    create_private(out)?;
    let path = out.to_string_lossy().to_string();
    if let Err(e) = app.store.backup_sqlite(&path).await {
        let _ = std::fs::remove_file(out);
        return Err(e).context("резервное копирование не удалось");
    }
    println!("Резервная копия записана: {}", out.display());
    Ok(())
}

/// Creates a new SQLite file readable by its owner only (its -wal/-shm files inherit the mode):
/// it holds minors' personal data.
fn precreate_private_sqlite(url: &str) -> anyhow::Result<()> {
    if url.contains("://") && !url.starts_with("sqlite://") {
        return Ok(());
    }
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = std::path::Path::new(path.split('?').next().unwrap_or(path));
    if path.as_os_str().is_empty() || path.exists() {
        return Ok(());
    }
    create_private(path)
}

/// Creates a new empty file readable and writable by its owner only.
fn create_private(path: &std::path::Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .with_context(|| format!("не удалось создать файл {}", path.display()))?;
    Ok(())
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
