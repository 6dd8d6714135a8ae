package urlx

// fenwick is a binary indexed tree of counts over positions 0..n-1.
type fenwick []int

func newFenwick(n int) fenwick { return make(fenwick, n+1) }

// add adds v to the count at position p.
func (f fenwick) add(p, v int) {
	for i := p + 1; i < len(f); i += i & -i {
		f[i] += v
	}
}

// sum returns the total count at positions 0..p-1.
func (f fenwick) sum(p int) int {
	s := 0
	for i := p; i > 0; i -= i & -i {
		s += f[i]
	}
	return s
}

// find returns the position holding the k-th unit of count (0-based):
// the smallest p with sum(p+1) > k. Counts must be 0 or 1.
func (f fenwick) find(k int) int {
	p, step := 0, 1
	for step*2 < len(f) {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if p+step < len(f) && f[p+step] <= k {
			p += step
			k -= f[p]
		}
	}
	return p
}
