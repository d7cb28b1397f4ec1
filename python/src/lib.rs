//! `ree_claims._native`: the PyO3 extension behind the `ree_claims` Python
//! package.
//!
//! Records reach Python as the `extract` example's JSON would once loaded
//! (`topy` builds the objects through the records' serde implementation, the
//! same one `serde_json` uses), so a record from Python equals the example's
//! line for the same article, byte offsets included; `extract_json` gives the
//! line itself. Extraction runs with the GIL released. `extract_many` runs on a
//! rayon pool and builds the Python objects of finished records, in the
//! calling thread, while the pool extracts the next ones.

mod topy;

use std::path::PathBuf;
use std::sync::mpsc;

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

create_exception!(
    ree_claims,
    LexiconError,
    PyValueError,
    "A lexicon file is faulty: the message names every fault with its file and line."
);

/// Builds claim records from English and Chinese articles.
///
/// Build one and reuse it: the lexicons are parsed and the automaton is built
/// once, here. Safe to share between Python threads.
#[pyclass(module = "ree_claims", name = "Extractor", frozen)]
struct Extractor {
    core: ree_claims::Extractor,
    /// Python strings shared between the records built (see `topy`); only
    /// ever `try_lock`ed, with the GIL held, so never waited on.
    shared: std::sync::Mutex<topy::Interned>,
    lexicons: Vec<PathBuf>,
    defaults: bool,
}

/// One article to extract: its id, its text (borrowed from Python) and the
/// metadata a JSON Lines object may carry.
struct Item {
    id: String,
    text: PyBackedStr,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

impl Item {
    fn plain(id: String, text: PyBackedStr) -> Item {
        Item {
            id,
            text,
            title: None,
            date: None,
            source: None,
        }
    }

    /// The record, as the `extract` example makes it for the same input. A
    /// panic in the extractor is this article's error (naming it), as in the
    /// `extract` example, not a crash of the batch.
    fn extract(
        &self,
        core: &ree_claims::Extractor,
    ) -> PyResult<ree_claims::ArticleRecord<'static>> {
        self.caught(core, |core, article| core.extract_article(article))
    }

    /// The record as one line of JSON (no newline), written as the
    /// extractor makes it (`Extractor::extract_article_json`), without an
    /// owned copy first.
    fn json(&self, core: &ree_claims::Extractor) -> PyResult<String> {
        self.caught(core, |core, article| {
            let mut json = String::new();
            core.extract_article_json(article, None, &mut json);
            json
        })
    }

    /// `f` run on this item as an article, a panic in it this article's error.
    fn caught<R>(
        &self,
        core: &ree_claims::Extractor,
        f: impl FnOnce(&ree_claims::Extractor, &ree_claims::input::Article) -> R,
    ) -> PyResult<R> {
        let article = ree_claims::input::Article {
            id: self.id.clone(),
            text: self.text.to_string(),
            file: String::new(),
            line: None,
            title: self.title.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            lossy: false,
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(core, &article))).map_err(
            |payload| {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                PyRuntimeError::new_err(format!(
                    "{}: internal error, please report this article: {why}",
                    self.id
                ))
            },
        )
    }
}

/// What `__reduce__` gives pickle: the class and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (Vec<PathBuf>, bool));

/// Records in flight between the pool and the converting thread, per
/// worker thread: enough to keep both busy, few enough to keep memory flat.
const IN_FLIGHT_PER_THREAD: usize = 32;

/// The pool `extract_many` runs on: `threads` threads, or one shared pool
/// of all cores when `None`. Its workers run at a lower priority than the
/// calling thread ([`lower_priority`]).
fn pool(threads: Option<usize>) -> PyResult<PoolRef> {
    static ALL_CORES: std::sync::OnceLock<Result<rayon::ThreadPool, String>> =
        std::sync::OnceLock::new();
    let build = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .start_handler(|_| lower_priority())
            .build()
            .map_err(|e| format!("cannot start threads: {e}"))
    };
    match threads {
        None => match ALL_CORES.get_or_init(|| build(0)) {
            Ok(p) => Ok(PoolRef::Shared(p)),
            Err(e) => Err(PyRuntimeError::new_err(e.clone())),
        },
        Some(0) => Err(PyValueError::new_err(
            "threads must be at least 1 (None: all cores)",
        )),
        Some(n) => build(n).map(PoolRef::Own).map_err(PyRuntimeError::new_err),
    }
}

/// A pool made for one call, or the shared one.
enum PoolRef {
    Own(rayon::ThreadPool),
    Shared(&'static rayon::ThreadPool),
}

impl std::ops::Deref for PoolRef {
    type Target = rayon::ThreadPool;
    fn deref(&self) -> &rayon::ThreadPool {
        match self {
            PoolRef::Own(p) => p,
            PoolRef::Shared(p) => p,
        }
    }
}

/// Lowers the priority of the calling worker thread (nice +5 on Linux, where
/// priority is per thread). The thread that calls `extract_many` builds
/// every Python object, about half the work and the one part that cannot run
/// in parallel (it holds the GIL); when it had to share the cores equally
/// with the workers, it fell behind and the cores idled: on 2 cores,
/// `extract_many(threads=2)` went from 1.5–1.7x a loop of `extract` to
/// 1.9–2.0x once the workers gave way (scripts/bench_python.py).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads no memory of ours; `who = 0` is this thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 5);
    }
}

/// Runs `work` over `items` on a pool of `threads` threads with the GIL
/// released, and `convert`s each result into a Python object in this thread
/// as soon as it is done, so that building Python objects (which needs the
/// GIL) overlaps with extraction. Returns the objects in input order, or
/// the first error that reaches this thread.
fn ordered<'py, T, W, C>(
    py: Python<'py>,
    items: &[Item],
    threads: Option<usize>,
    work: W,
    mut convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    T: Send + 'static,
    W: Fn(&Item) -> PyResult<T> + Sync,
    C: FnMut(&T) -> PyResult<Bound<'py, PyAny>>,
{
    let pool = pool(threads)?;
    let n_threads = pool.current_num_threads();
    let (tx, rx) = mpsc::sync_channel::<(usize, PyResult<T>)>(n_threads * IN_FLIGHT_PER_THREAD);
    let mut slots: Vec<Option<Bound<'py, PyAny>>> = (0..items.len()).map(|_| None).collect();
    // Results are dropped once the workers are done: freeing them here while
    // the workers allocate made the allocator's arenas contend (about 15%
    // more CPU in all).
    let mut spent: Vec<T> = Vec::with_capacity(items.len());
    std::thread::scope(|scope| -> PyResult<()> {
        let work = &work;
        let pool = &pool;
        scope.spawn(move || {
            // Stops early when the receiver is gone (an error in this thread).
            let produce = move || {
                let _ = items
                    .par_iter()
                    .enumerate()
                    .try_for_each_with(tx, |tx, (i, item)| tx.send((i, work(item))));
            };
            pool.install(produce);
        });
        let mut rx = rx;
        loop {
            let next = match rx.try_recv() {
                Ok(m) => Some(m),
                Err(mpsc::TryRecvError::Disconnected) => None,
                Err(mpsc::TryRecvError::Empty) => {
                    // Wait without the GIL, so other Python threads run.
                    let (m, back) = py.detach(move || (rx.recv().ok(), rx));
                    rx = back;
                    m
                }
            };
            let Some((i, done)) = next else { break };
            let done = done?;
            slots[i] = Some(convert(&done)?);
            spent.push(done);
        }
        Ok(())
    })?;
    // Freed on a thread of their own, off the caller's time (should the
    // thread not start, the closure and the results are dropped here).
    let _ = std::thread::Builder::new().spawn(move || drop(spent));
    let objects = slots
        .into_iter()
        .map(|s| s.ok_or_else(|| PyRuntimeError::new_err("extraction stopped before the end")))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

impl Extractor {
    /// The record as Python objects, sharing strings with earlier records
    /// unless another thread is converting at this moment.
    fn to_py<'py>(
        &self,
        py: Python<'py>,
        record: &ree_claims::ArticleRecord<'_>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut shared = self.shared.try_lock().ok();
        let mut conv = topy::Converter::new(py, shared.as_deref_mut());
        Ok(conv.convert(record)?)
    }
}

/// A string field of a JSON-like dict: `None` when absent or not a `str`, as
/// the `extract` example reads JSON Lines.
fn field(dict: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    Ok(dict
        .get_item(key)?
        .and_then(|v| v.extract::<PyBackedStr>().ok())
        .map(|s| s.to_string()))
}

/// Reads one article given as a dict with the fields of a JSON Lines object:
/// `text`, and optionally `id` (a `str` or an `int`; the position when
/// absent), `title`, `date` and `source` (or `publisher`).
fn dict_item(i: usize, dict: &Bound<'_, PyDict>) -> PyResult<Item> {
    let text = match dict.get_item("text")? {
        Some(t) => t
            .extract::<PyBackedStr>()
            .map_err(|_| PyTypeError::new_err(format!("texts[{i}]: \"text\" must be a str")))?,
        None => {
            return Err(PyTypeError::new_err(format!(
                "texts[{i}]: a dict needs a \"text\""
            )))
        }
    };
    let id = match dict.get_item("id")? {
        None => i.to_string(),
        Some(v) if v.is_none() => i.to_string(),
        Some(v) => match v.extract::<PyBackedStr>() {
            Ok(s) => s.to_string(),
            Err(_) => match v.extract::<i64>() {
                Ok(n) => n.to_string(),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "texts[{i}]: \"id\" must be a str or an int"
                    )))
                }
            },
        },
    };
    Ok(Item {
        id,
        text,
        title: field(dict, "title")?,
        date: field(dict, "date")?,
        source: match field(dict, "source")? {
            Some(s) => Some(s),
            None => field(dict, "publisher")?,
        },
    })
}

/// Reads `texts`: each item a `str` (its id is its position), an
/// `(id, text)` pair of `str`, or a dict with the fields of a JSON Lines
/// object (see [`dict_item`]).
fn items(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be a list of str, (id, text) pairs or dicts, not one str",
        ));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(text) = item.extract::<PyBackedStr>() {
            out.push(Item::plain(i.to_string(), text));
            continue;
        }
        if let Ok(dict) = item.cast::<PyDict>() {
            out.push(dict_item(i, dict)?);
            continue;
        }
        match item.cast::<PyTuple>() {
            Ok(pair) if pair.len() == 2 => {
                let id = pair.get_item(0)?.extract::<PyBackedStr>();
                let text = pair.get_item(1)?.extract::<PyBackedStr>();
                match (id, text) {
                    (Ok(id), Ok(text)) => out.push(Item::plain(id.to_string(), text)),
                    _ => {
                        return Err(PyTypeError::new_err(format!(
                            "texts[{i}]: an (id, text) pair must hold two str"
                        )))
                    }
                }
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "texts[{i}]: expected a str, an (id, text) tuple or a dict, found {}",
                    item.get_type().name()?
                )))
            }
        }
    }
    Ok(out)
}

#[pymethods]
impl Extractor {
    /// `Extractor()` on the embedded lexicons; `lexicons=[paths]` adds your
    /// own files; `defaults=False` leaves the embedded ones out.
    #[new]
    #[pyo3(signature = (lexicons=None, defaults=true))]
    fn new(py: Python<'_>, lexicons: Option<Vec<PathBuf>>, defaults: bool) -> PyResult<Self> {
        let lexicons = lexicons.unwrap_or_default();
        let built = py.detach(|| {
            let mut builder = ree_claims::Extractor::builder();
            builder.defaults(defaults);
            for path in &lexicons {
                builder.lexicon_file(path);
            }
            builder.build()
        });
        match built {
            Ok(core) => Ok(Extractor {
                core,
                shared: Default::default(),
                lexicons,
                defaults,
            }),
            Err(e) => Err(LexiconError::new_err(e.to_string())),
        }
    }

    /// The record of one article, as a dict (the `extract` example's JSON).
    #[pyo3(signature = (text, id=None, *, title=None, date=None, source=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: PyBackedStr,
        id: Option<String>,
        title: Option<String>,
        date: Option<String>,
        source: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let item = Item {
            id: id.unwrap_or_default(),
            text,
            title,
            date,
            source,
        };
        let record = py.detach(|| item.extract(&self.core))?;
        self.to_py(py, &record)
    }

    /// The record of one article as one line of JSON (no newline).
    #[pyo3(signature = (text, id=None, *, title=None, date=None, source=None))]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: PyBackedStr,
        id: Option<String>,
        title: Option<String>,
        date: Option<String>,
        source: Option<String>,
    ) -> PyResult<String> {
        let item = Item {
            id: id.unwrap_or_default(),
            text,
            title,
            date,
            source,
        };
        py.detach(|| item.json(&self.core))
    }

    /// Records of many articles, in input order, extracted on `threads` Rust
    /// threads (all cores when `None`) with the GIL released.
    #[pyo3(signature = (texts, threads=None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = items(texts)?;
        ordered(
            py,
            &items,
            threads,
            |item| item.extract(&self.core),
            |record| self.to_py(py, record),
        )
    }

    /// Like `extract_many`, each record as one line of JSON.
    #[pyo3(signature = (texts, threads=None))]
    fn extract_many_json<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = items(texts)?;
        ordered(
            py,
            &items,
            threads,
            |item| item.json(&self.core),
            |line| Ok(PyString::new(py, line).into_any()),
        )
    }

    /// The extra lexicon files, as given.
    #[getter]
    fn lexicons(&self) -> Vec<PathBuf> {
        self.lexicons.clone()
    }

    /// Whether the embedded lexicons are loaded.
    #[getter]
    fn defaults(&self) -> bool {
        self.defaults
    }

    /// Number of lexicon entries loaded.
    #[getter]
    fn n_entries(&self) -> usize {
        self.core.entries().len()
    }

    fn __repr__(&self) -> String {
        let files: Vec<String> = self
            .lexicons
            .iter()
            .map(|p| format!("{:?}", p.display().to_string()))
            .collect();
        format!(
            "<ree_claims.Extractor lexicons=[{}] defaults={} entries={}>",
            files.join(", "),
            if self.defaults { "True" } else { "False" },
            self.core.entries().len()
        )
    }

    /// Pickles as its arguments, so it can be sent to worker processes
    /// (which rebuild it from the same lexicon paths).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let me = slf.get();
        Ok((
            slf.get_type().into_any(),
            (me.lexicons.clone(), me.defaults),
        ))
    }
}

/// The native half of `ree_claims`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add("LexiconError", m.py().get_type::<LexiconError>())?;
    m.add("SCHEMA", ree_claims::record::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
