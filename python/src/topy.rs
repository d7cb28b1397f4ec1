//! Records to Python objects through their `serde` implementation, shaped as
//! `json.loads` of `serde_json`'s output would shape them: structs are dicts
//! (fields skipped by `skip_serializing_if` are absent), sequences lists,
//! `None` and unit `None`, non-finite floats `None` (as `serde_json` writes
//! `null`). Going through serde keeps the Python records in step with
//! `src/record.rs` without a line here; skipping the JSON text makes them
//! several times cheaper to build, which matters because building them is the
//! one part of `extract_many` that holds the GIL.
//!
//! Strings repeat a lot between records (field names, kinds, rule ids, entity
//! ids, aliases): an [`Interned`] table, kept by the `Extractor` across
//! calls, gives each short string one Python object, shared by every record
//! that holds it (strings are immutable, so sharing them changes nothing a
//! caller can see).

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};

/// Why a value could not be converted.
#[derive(Debug)]
pub enum ConvertError {
    /// Python raised.
    Py(PyErr),
    /// A serde form that records do not use.
    Unsupported(String),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Py(e) => write!(f, "{e}"),
            ConvertError::Unsupported(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for ConvertError {}

impl ser::Error for ConvertError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ConvertError::Unsupported(msg.to_string())
    }
}

impl From<PyErr> for ConvertError {
    fn from(e: PyErr) -> Self {
        ConvertError::Py(e)
    }
}

impl From<ConvertError> for PyErr {
    fn from(e: ConvertError) -> PyErr {
        match e {
            ConvertError::Py(e) => e,
            ConvertError::Unsupported(m) => {
                pyo3::exceptions::PyRuntimeError::new_err(format!("cannot convert the record: {m}"))
            }
        }
    }
}

type Result<T> = std::result::Result<T, ConvertError>;

/// Strings up to this many bytes are shared through [`Interned`]; longer ones
/// (sentence texts) are rarely repeated and costly to hash.
const SHARED_MAX_BYTES: usize = 64;
/// [`Interned`] forgets everything past this many strings, so that memory
/// stays bounded on a long corpus.
const SHARED_MAX_STRINGS: usize = 1 << 16;

/// Python strings shared between the records one extractor builds.
#[derive(Default)]
pub struct Interned {
    keys: FxHashMap<(usize, usize), Py<PyString>>,
    strings: FxHashMap<Box<str>, Py<PyString>>,
}

/// Builds Python objects from `Serialize` values.
pub struct Converter<'a, 'py> {
    py: Python<'py>,
    shared: Option<&'a mut Interned>,
}

impl<'a, 'py> Converter<'a, 'py> {
    /// A converter that shares strings through `shared`, when given.
    pub fn new(py: Python<'py>, shared: Option<&'a mut Interned>) -> Self {
        Converter { py, shared }
    }

    /// `value` as Python objects.
    pub fn convert<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<Bound<'py, PyAny>> {
        value.serialize(self)
    }

    fn key(&mut self, name: &'static str) -> Bound<'py, PyString> {
        let py = self.py;
        match self.shared.as_deref_mut() {
            Some(shared) => shared
                .keys
                .entry((name.as_ptr() as usize, name.len()))
                .or_insert_with(|| PyString::intern(py, name).unbind())
                .bind(py)
                .clone(),
            None => PyString::intern(py, name),
        }
    }

    fn string(&mut self, v: &str) -> Bound<'py, PyString> {
        let py = self.py;
        match self.shared.as_deref_mut() {
            Some(shared) if v.len() <= SHARED_MAX_BYTES => {
                if let Some(s) = shared.strings.get(v) {
                    return s.bind(py).clone();
                }
                if shared.strings.len() >= SHARED_MAX_STRINGS {
                    shared.strings.clear();
                }
                let s = PyString::new(py, v);
                shared.strings.insert(v.into(), s.clone().unbind());
                s
            }
            _ => PyString::new(py, v),
        }
    }

    fn none(&self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }
}

/// A list being built.
pub struct Seq<'a, 'c, 'py> {
    conv: &'a mut Converter<'c, 'py>,
    items: Vec<Bound<'py, PyAny>>,
}

/// A dict being built (struct or map), with the variant name that wraps it,
/// if any.
pub struct Dict<'a, 'c, 'py> {
    conv: &'a mut Converter<'c, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

/// A list wrapped in `{variant: [...]}`.
pub struct VariantSeq<'a, 'c, 'py> {
    seq: Seq<'a, 'c, 'py>,
    variant: &'static str,
}

impl<'a, 'c, 'py> Dict<'a, 'c, 'py> {
    fn new(conv: &'a mut Converter<'c, 'py>, variant: Option<&'static str>) -> Self {
        let dict = PyDict::new(conv.py);
        Dict {
            conv,
            dict,
            key: None,
            variant,
        }
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let dict = self.dict.into_any();
        untrack(&dict);
        match self.variant {
            None => Ok(dict),
            Some(v) => {
                let outer = PyDict::new(self.conv.py);
                outer.set_item(self.conv.key(v), dict)?;
                let outer = outer.into_any();
                untrack(&outer);
                Ok(outer)
            }
        }
    }
}

impl<'a, 'c, 'py> ser::Serializer for &'a mut Converter<'c, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    type SerializeSeq = Seq<'a, 'c, 'py>;
    type SerializeTuple = Seq<'a, 'c, 'py>;
    type SerializeTupleStruct = Seq<'a, 'c, 'py>;
    type SerializeTupleVariant = VariantSeq<'a, 'c, 'py>;
    type SerializeMap = Dict<'a, 'c, 'py>;
    type SerializeStruct = Dict<'a, 'c, 'py>;
    type SerializeStructVariant = Dict<'a, 'c, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        if v.is_finite() {
            Ok(PyFloat::new(self.py, v).into_any())
        } else {
            Ok(self.none())
        }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(self.string(v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(self.key(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let inner = value.serialize(&mut *self)?;
        let outer = PyDict::new(self.py);
        outer.set_item(self.key(variant), inner)?;
        Ok(outer.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(Seq {
            conv: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(VariantSeq {
            seq: self.serialize_seq(Some(len))?,
            variant,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(Dict::new(self, None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Ok(Dict::new(self, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Ok(Dict::new(self, Some(variant)))
    }
}

/// Takes a fresh list or dict out of the cycle collector's view.
///
/// Records are trees of lists and dicts whose leaves are strings, numbers,
/// booleans and `None`: they hold no cycle for the collector to find, yet the
/// collector would traverse every container of every record again and again
/// while a batch is being built (half the cost of building it, measured). A
/// dict is tracked again as soon as a container is put into it; a list is
/// not, so a caller who builds a cycle through a record's list (appending the
/// record to its own `claims`) must break it by hand.
fn untrack(obj: &Bound<'_, PyAny>) {
    // SAFETY: `obj` is a live list or dict this module just built, and the GIL
    // is held (a `Bound` proves it); untracking an untracked object is a no-op.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) }
}

impl<'py> Seq<'_, '_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let v = value.serialize(&mut *self.conv)?;
        self.items.push(v);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.conv.py, self.items)?.into_any();
        untrack(&list);
        Ok(list)
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for VariantSeq<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.seq.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        let py = self.seq.conv.py;
        let key = self.seq.conv.key(self.variant);
        let list = PyList::new(py, self.seq.items)?;
        let outer = PyDict::new(py);
        outer.set_item(key, list)?;
        Ok(outer.into_any())
    }
}

impl<'py> ser::SerializeMap for Dict<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(&mut *self.conv)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ConvertError::Unsupported("map value without a key".into()))?;
        let value = value.serialize(&mut *self.conv)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        let value = value.serialize(&mut *self.conv)?;
        self.dict.set_item(self.conv.key(key), value)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'_, '_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}
