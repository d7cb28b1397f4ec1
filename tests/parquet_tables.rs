//! The Parquet writer of the examples (`examples/common/parquet.rs`): its
//! columns are the ones `python/ree_claims/tables.json` lists (and so the ones
//! the Python `to_arrow` builds), and what it writes reads back as the records
//! it was given, one row group per N articles.

#[path = "../examples/common/parquet.rs"]
mod parquet;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;

use parquet::{schemas, ParquetSink, Written};

fn spec_type(name: &str) -> DataType {
    let list = |t| DataType::List(Arc::new(Field::new("item", t, true)));
    match name {
        "string" => DataType::Utf8,
        "int64" => DataType::Int64,
        "float64" => DataType::Float64,
        "bool" => DataType::Boolean,
        "list<string>" => list(DataType::Utf8),
        "list<int64>" => list(DataType::Int64),
        other => panic!("tables.json: unknown type {other:?}"),
    }
}

#[test]
fn parquet_schema_matches_tables_json() {
    let spec: serde_json::Value =
        serde_json::from_str(include_str!("../python/ree_claims/tables.json"))
            .expect("python/ree_claims/tables.json is JSON");
    for (table, schema) in schemas() {
        let cols = spec[table]
            .as_array()
            .unwrap_or_else(|| panic!("tables.json has no table {table:?}"));
        let expected = Schema::new(
            cols.iter()
                .map(|c| {
                    Field::new(
                        c[0].as_str().expect("column name"),
                        spec_type(c[1].as_str().expect("column type")),
                        c[2].as_bool().expect("nullable flag"),
                    )
                })
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            *schema, expected,
            "table {table}: the Rust writer's columns (examples/common/parquet.rs) \
             differ from python/ree_claims/tables.json; change both together"
        );
    }
}

fn samples() -> Vec<ArticleRecord<'static>> {
    let extractor = Extractor::new().expect("embedded lexicons");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
            .expect("samples/")
            .map(|e| e.expect("samples/ entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no samples/*.txt");
    let mut records = Vec::new();
    // Each sample several times, under distinct ids, so that a small row
    // group size gives several groups.
    for round in 0..3 {
        for p in &paths {
            let text = std::fs::read_to_string(p).expect("sample text");
            let id = format!("{}#{round}", p.file_stem().unwrap().to_string_lossy());
            records.push(extractor.extract(&id, &text));
        }
    }
    records
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every row group of a file, and how many there were.
fn read(dir: &Path, table: &str) -> (Vec<RecordBatch>, usize) {
    let file = File::open(dir.join(format!("{table}.parquet"))).expect("parquet file");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet footer");
    let groups = builder.metadata().num_row_groups();
    let batches = builder
        .build()
        .expect("reader")
        .collect::<Result<Vec<_>, _>>()
        .expect("batches");
    (batches, groups)
}

fn strings(batches: &[RecordBatch], col: &str) -> Vec<Option<String>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b.column_by_name(col).expect(col).as_string::<i32>().clone();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| a.value(i).to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn ints(batches: &[RecordBatch], col: &str) -> Vec<Option<i64>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b
                .column_by_name(col)
                .expect(col)
                .as_primitive::<Int64Type>()
                .clone();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| a.value(i)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn string_lists(batches: &[RecordBatch], col: &str) -> Vec<Vec<String>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b.column_by_name(col).expect(col).as_list::<i32>().clone();
            (0..a.len())
                .map(|i| {
                    let v = a.value(i);
                    let v = v.as_string::<i32>();
                    (0..v.len()).map(|j| v.value(j).to_string()).collect()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn parquet_round_trip_in_row_groups() {
    let records = samples();
    let dir = out_dir("parquet_round_trip");
    let mut sink = ParquetSink::create(&dir)
        .expect("create")
        .with_docs_per_group(5);
    for r in &records {
        sink.push(r).expect("push");
    }
    let written = sink.finish().expect("finish");
    let n_claims: usize = records.iter().map(|r| r.claims.len()).sum();
    let n_figures: usize = records.iter().map(|r| r.figures.len()).sum();
    assert!(
        n_claims > 0 && n_figures > 0,
        "the samples should give claims and figures"
    );
    assert_eq!(
        written,
        Written {
            documents: records.len(),
            claims: n_claims,
            figures: n_figures,
            row_groups: records.len().div_ceil(5),
        }
    );
    for name in parquet::TABLES {
        assert!(
            !dir.join(format!("{name}.parquet.partial")).exists(),
            "{name}: the partial file should be renamed by finish"
        );
    }

    let (docs, groups) = read(&dir, "documents");
    assert_eq!(
        groups,
        records.len().div_ceil(5),
        "one row group per 5 articles"
    );
    let ids: Vec<String> = records.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(
        strings(&docs, "id"),
        ids.iter().cloned().map(Some).collect::<Vec<_>>()
    );
    assert_eq!(
        ints(&docs, "n_claims"),
        records
            .iter()
            .map(|r| Some(r.claims.len() as i64))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        string_lists(&docs, "entity_ids"),
        records
            .iter()
            .map(|r| r
                .entities
                .iter()
                .map(|e| e.id.to_string())
                .collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );

    let (claims, _) = read(&dir, "claims");
    let flat: Vec<(&ArticleRecord, usize)> = records
        .iter()
        .flat_map(|r| (0..r.claims.len()).map(move |i| (r, i)))
        .collect();
    assert_eq!(
        strings(&claims, "doc_id"),
        flat.iter()
            .map(|(r, _)| Some(r.id.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ints(&claims, "index"),
        flat.iter()
            .map(|(_, i)| Some(*i as i64))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ints(&claims, "start"),
        flat.iter()
            .map(|(r, i)| Some(r.claims[*i].span.start as i64))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ints(&claims, "end"),
        flat.iter()
            .map(|(r, i)| Some(r.claims[*i].span.end as i64))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        strings(&claims, "text"),
        flat.iter()
            .map(|(r, i)| Some(r.claims[*i].text.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        strings(&claims, "actor_id"),
        flat.iter()
            .map(|(r, i)| r.claims[*i]
                .actor
                .as_ref()
                .and_then(|a| a.id.as_deref().map(str::to_string)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        strings(&claims, "rule"),
        flat.iter()
            .map(|(r, i)| r.claims[*i].evidence.first().map(|e| e.rule.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        string_lists(&claims, "concepts"),
        flat.iter()
            .map(|(r, i)| r.claims[*i]
                .concepts
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );

    let (figures, _) = read(&dir, "figures");
    let values: Vec<f64> = figures
        .iter()
        .flat_map(|b| {
            b.column_by_name("value")
                .expect("value")
                .as_primitive::<Float64Type>()
                .values()
                .to_vec()
        })
        .collect();
    let expected: Vec<f64> = records
        .iter()
        .flat_map(|r| r.figures.iter().map(|f| f.value))
        .collect();
    assert_eq!(values, expected);
    assert_eq!(
        strings(&figures, "unit"),
        records
            .iter()
            .flat_map(|r| r.figures.iter().map(|f| Some(f.unit.to_string())))
            .collect::<Vec<_>>()
    );
}

#[test]
fn parquet_empty_input_writes_empty_tables() {
    let dir = out_dir("parquet_empty");
    let written = ParquetSink::create(&dir)
        .expect("create")
        .finish()
        .expect("finish");
    assert_eq!(written, Written::default());
    for (name, schema) in schemas() {
        let (batches, groups) = read(&dir, name);
        assert_eq!(groups, 0, "{name}");
        assert!(batches.iter().all(|b| b.num_rows() == 0), "{name}");
        let file = File::open(dir.join(format!("{name}.parquet"))).expect("file");
        let read_schema = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("footer")
            .schema()
            .clone();
        assert_eq!(
            read_schema.fields(),
            schema.fields(),
            "{name}: an empty file keeps its columns"
        );
    }
}

#[test]
fn parquet_unwritable_folder_names_the_file() {
    let blocker = out_dir("parquet_blocker");
    std::fs::write(&blocker, b"a file, not a folder").expect("write blocker");
    let err = match ParquetSink::create(blocker.join("out")) {
        Ok(_) => panic!("a folder under a file cannot be created"),
        Err(e) => e,
    };
    assert!(
        err.to_string().contains("parquet_blocker"),
        "the error should name the path: {err}"
    );
    let _ = std::fs::remove_file(&blocker);
}
