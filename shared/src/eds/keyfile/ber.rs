//! A small BER reader: definite and indefinite lengths, constructed strings. Key files from the
//! national CA's Java tools use indefinite lengths inside, which strict DER parsers refuse.

use der::oid::ObjectIdentifier;

pub const SEQUENCE: u8 = 0x30;
pub const OCTET_STRING: u8 = 0x04;
pub const INTEGER: u8 = 0x02;
pub const OID: u8 = 0x06;
pub const CONTEXT_0: u8 = 0xa0;

/// One parsed element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The identifier octet (class, constructed bit, tag number).
    pub tag: u8,
    /// The content of a primitive element.
    pub bytes: Vec<u8>,
    /// The elements of a constructed one.
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

const MAX_DEPTH: usize = 32;

/// Parses one element at the start of `input`; returns it and how many bytes it took.
pub fn parse(input: &[u8]) -> Result<(Node, usize), Malformed> {
    parse_at(input, 0)
}

fn parse_at(input: &[u8], depth: usize) -> Result<(Node, usize), Malformed> {
    if depth > MAX_DEPTH {
        return Err(Malformed);
    }
    let &tag = input.first().ok_or(Malformed)?;
    if tag & 0x1f == 0x1f {
        return Err(Malformed); // high tag numbers: not in key files
    }
    let &first = input.get(1).ok_or(Malformed)?;
    let (length, mut at) = match first {
        0x80 => (None, 2),
        short if short < 0x80 => (Some(usize::from(short)), 2),
        long => {
            let count = usize::from(long & 0x7f);
            if count > 4 {
                return Err(Malformed);
            }
            let bytes = input.get(2..2 + count).ok_or(Malformed)?;
            (Some(bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b))), 2 + count)
        }
    };
    let constructed = tag & 0x20 != 0;
    match (constructed, length) {
        (false, None) => Err(Malformed),
        (false, Some(length)) => {
            let bytes = input.get(at..at + length).ok_or(Malformed)?.to_vec();
            Ok((Node { tag, bytes, children: Vec::new() }, at + length))
        }
        (true, Some(length)) => {
            let end = at.checked_add(length).filter(|&e| e <= input.len()).ok_or(Malformed)?;
            let mut children = Vec::new();
            while at < end {
                let (child, used) = parse_at(&input[at..end], depth + 1)?;
                children.push(child);
                at += used;
            }
            Ok((Node { tag, bytes: Vec::new(), children }, end))
        }
        (true, None) => {
            let mut children = Vec::new();
            loop {
                let rest = input.get(at..).ok_or(Malformed)?;
                if rest.starts_with(&[0, 0]) {
                    return Ok((Node { tag, bytes: Vec::new(), children }, at + 2));
                }
                let (child, used) = parse_at(rest, depth + 1)?;
                children.push(child);
                at += used;
            }
        }
    }
}

impl Node {
    pub fn child(&self, index: usize) -> Result<&Node, Malformed> {
        self.children.get(index).ok_or(Malformed)
    }

    /// The element's content when it is of `tag`.
    pub fn expect(&self, tag: u8) -> Result<&Node, Malformed> {
        if self.tag == tag { Ok(self) } else { Err(Malformed) }
    }

    /// The bytes of an OCTET STRING (or of an implicitly tagged one), primitive or constructed.
    pub fn octets(&self) -> Vec<u8> {
        if self.children.is_empty() {
            self.bytes.clone()
        } else {
            self.children.iter().flat_map(Node::octets).collect()
        }
    }

    pub fn oid(&self) -> Result<ObjectIdentifier, Malformed> {
        ObjectIdentifier::from_bytes(&self.expect(OID)?.bytes).map_err(|_| Malformed)
    }

    pub fn unsigned(&self) -> Result<u64, Malformed> {
        let bytes = &self.expect(INTEGER)?.bytes;
        if bytes.is_empty() || bytes.len() > 9 || bytes[0] & 0x80 != 0 {
            return Err(Malformed);
        }
        Ok(bytes.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b)))
    }
}

/// How the writer encodes lengths of constructed elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lengths {
    /// DER: definite lengths everywhere.
    Definite,
    /// BER as the Java tools write it: indefinite lengths for constructed elements.
    Indefinite,
}

/// Writes elements.
#[derive(Debug, Clone, Copy)]
pub struct Writer(pub Lengths);

impl Writer {
    pub fn primitive(self, tag: u8, content: &[u8]) -> Vec<u8> {
        definite(tag, content)
    }

    pub fn constructed(self, tag: u8, parts: &[Vec<u8>]) -> Vec<u8> {
        let content = parts.concat();
        match self.0 {
            Lengths::Definite => definite(tag, &content),
            Lengths::Indefinite => [&[tag, 0x80][..], &content, &[0, 0]].concat(),
        }
    }

    pub fn sequence(self, parts: &[Vec<u8>]) -> Vec<u8> {
        self.constructed(SEQUENCE, parts)
    }

    pub fn octets(self, content: &[u8]) -> Vec<u8> {
        self.primitive(OCTET_STRING, content)
    }

    pub fn oid(self, oid: ObjectIdentifier) -> Vec<u8> {
        self.primitive(OID, oid.as_bytes())
    }

    pub fn unsigned(self, value: u64) -> Vec<u8> {
        let bytes = value.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(7);
        let mut content = bytes[start..].to_vec();
        if content[0] & 0x80 != 0 {
            content.insert(0, 0);
        }
        self.primitive(INTEGER, &content)
    }

    /// `[0] EXPLICIT`.
    pub fn explicit(self, inner: Vec<u8>) -> Vec<u8> {
        self.constructed(CONTEXT_0, &[inner])
    }
}

fn definite(tag: u8, content: &[u8]) -> Vec<u8> {
    let length = content.len();
    let mut out = vec![tag];
    if length < 0x80 {
        out.push(u8::try_from(length).unwrap_or_default());
    } else {
        let bytes = length.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len() - 1);
        out.push(0x80 | u8::try_from(bytes.len() - start).unwrap_or_default());
        out.extend_from_slice(&bytes[start..]);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_and_indefinite_encodings_read_the_same() {
        for lengths in [Lengths::Definite, Lengths::Indefinite] {
            let w = Writer(lengths);
            let long = vec![7u8; 300];
            let encoded =
                w.sequence(&[w.unsigned(3), w.explicit(w.octets(&long)), w.unsigned(128)]);
            let (node, used) = parse(&encoded).unwrap();
            assert_eq!(used, encoded.len());
            assert_eq!(node.child(0).unwrap().unsigned(), Ok(3));
            assert_eq!(node.child(1).unwrap().child(0).unwrap().octets(), long);
            assert_eq!(node.child(2).unwrap().unsigned(), Ok(128));
        }
        // A constructed OCTET STRING in chunks, as Java writes long contents.
        let chunked = [&[0x24, 0x80, 0x04, 0x02, 1, 2, 0x04, 0x01, 3][..], &[0, 0]].concat();
        assert_eq!(parse(&chunked).unwrap().0.octets(), [1, 2, 3]);
        assert_eq!(parse(&[0x30, 0x80, 0x04]), Err(Malformed));
        assert_eq!(parse(&[0x30, 0x05, 0x04, 0x01]), Err(Malformed));
    }
}
