import unicodedata, sys
def ranges(pred):
    out=[]; start=None
    for cp in range(0x110000):
        if 0xD800<=cp<=0xDFFF: ok=False
        else: ok=pred(cp)
        if ok and start is None: start=cp
        if not ok and start is not None: out.append((start,cp-1)); start=None
    if start is not None: out.append((start,0x10FFFF))
    return out
def zero(cp):
    c=chr(cp)
    if cp==0xAD: return False
    if 0x1160<=cp<=0x11FF or 0xD7B0<=cp<=0xD7FF: return True
    if cp==0x200B: return True
    if 0x0600<=cp<=0x0605 or cp in (0x06DD,0x070F,0x08E2,0x110BD,0x110CD): return False  # prepended marks print
    cat=unicodedata.category(c)
    return cat in ('Mn','Me','Cf')
def wide(cp):
    if 0x20000<=cp<=0x2FFFD or 0x30000<=cp<=0x3FFFD: return True
    if 0x1F900<=cp<=0x1F9FF or 0x1FA70<=cp<=0x1FAFF: return True
    if 0x1F1E6<=cp<=0x1F1FF: return False
    if 0x1F3FB<=cp<=0x1F3FF: return True
    return unicodedata.east_asian_width(chr(cp)) in ('W','F') and not zero(cp)
def emit(name, rs):
    print("    static let %s: [(UInt32, UInt32)] = [" % name)
    line="       "
    for a,b in rs:
        item=" (0x%X, 0x%X)," % (a,b)
        if len(line)+len(item)>100: print(line); line="       "
        line+=item
    print(line); print("    ]")
def merge(rs):
    out=[]
    for a,b in rs:
        if out and all(unicodedata.category(chr(c))=='Cn' for c in range(out[-1][1]+1,a) if not 0xD800<=c<=0xDFFF):
            out[-1]=(out[-1][0],b)
        else: out.append((a,b))
    return out
z=merge(ranges(zero)); w=merge(ranges(wide))
print("// Generated from Unicode %s (Python unicodedata) by scripts/gen_width_tables.py; do not edit by hand." % unicodedata.unidata_version)
print("extension DisplayWidth {")
print("    /// Zero-width scalars: Mn, Me, Cf (minus U+00AD and prepended marks), Hangul medial/final jamo.")
emit("zeroWidthRanges", z)
print("    /// Double-width scalars: East Asian Wide/Fullwidth, emoji presentation, CJK planes 2 and 3.")
emit("wideRanges", w)
print("}")
print(len(z),len(w),file=sys.stderr)
