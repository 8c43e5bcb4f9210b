//! Writing solution files (FORMAT.md, «Solution file»).

use std::io::{self, Write};

use crate::instance::Instance;
use crate::matching::{Matching, UNMATCHED};

fn push_num(buf: &mut Vec<u8>, mut v: u64) {
    let mut tmp = [0u8; 20];
    let mut k = tmp.len();
    loop {
        k -= 1;
        tmp[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[k..]);
}

/// Writes the solution: header, pairs by increasing mentee, then the unmatched mentees.
pub fn write_solution(out: &mut impl Write, inst: &Instance, matching: &Matching, mode: &str) -> io::Result<()> {
    let pairs = matching.pairs();
    let n = inst.n as usize;
    writeln!(
        out,
        "nastavnik-solution 1 {mode} {} {} {pairs} {} {}",
        inst.n,
        inst.capacity.len(),
        n - pairs,
        matching.total(inst)
    )?;
    let mut buf = Vec::with_capacity(1 << 16);
    for (i, &e) in matching.edge_of.iter().enumerate() {
        if e == UNMATCHED {
            continue;
        }
        push_num(&mut buf, i as u64);
        buf.push(b' ');
        push_num(&mut buf, u64::from(inst.mentor[e as usize]));
        buf.push(b' ');
        push_num(&mut buf, u64::from(inst.score[e as usize]));
        buf.push(b'\n');
        if buf.len() > 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    for (i, &e) in matching.edge_of.iter().enumerate() {
        if e == UNMATCHED {
            push_num(&mut buf, i as u64);
            buf.push(b'\n');
            if buf.len() > 1 << 16 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
    }
    out.write_all(&buf)
}
