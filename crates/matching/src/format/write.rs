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

/// Writes an instance in the sparse layout (FORMAT.md), so other solvers can read what
/// Nastavnik solves; with ranks, each mentee's lines come in its order of preference.
pub fn write_instance(out: &mut impl Write, inst: &Instance) -> io::Result<()> {
    let ranks = inst.prefs == crate::Prefs::Ranks;
    let prefs = if ranks { "ranks" } else { "scores" };
    writeln!(
        out,
        "nastavnik-match 1 sparse {prefs} {} {} {}",
        inst.n,
        inst.capacity.len(),
        inst.edges()
    )?;
    let mut buf = Vec::with_capacity(1 << 16);
    for (j, &c) in inst.capacity.iter().enumerate() {
        push_num(&mut buf, j as u64);
        buf.push(b' ');
        push_num(&mut buf, u64::from(c));
        buf.push(b'\n');
    }
    for i in 0..inst.n {
        for (pos, e) in inst.range(i).enumerate() {
            push_num(&mut buf, u64::from(i));
            buf.push(b' ');
            push_num(&mut buf, u64::from(inst.mentor[e]));
            buf.push(b' ');
            push_num(&mut buf, u64::from(inst.score[e]));
            if ranks {
                buf.push(b' ');
                push_num(&mut buf, pos as u64 + 1);
                buf.push(b' ');
                push_num(&mut buf, u64::from(inst.mentor_rank[e]));
            }
            buf.push(b'\n');
        }
        if buf.len() > 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)
}
