package blocs

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// agreementGraph is the weighted undirected graph of a window that the
// Louvain method works on: nodes 0..n-1 (states in code order), an edge
// between i and j where w[i*n+j] > 0. Its neighbours are kept as sorted
// lists, so that iteration is cheap and in node order (the result must not
// depend on map order).
type agreementGraph struct {
	n     int
	w     []float64
	nodes []graph.Node
	adj   [][]graph.Node
}

// newAgreementGraph returns the graph of the positive weights w (n×n,
// symmetric; the diagonal is ignored).
func newAgreementGraph(n int, w []float64) *agreementGraph {
	g := &agreementGraph{n: n, w: w, nodes: make([]graph.Node, n), adj: make([][]graph.Node, n)}
	for i := range n {
		g.nodes[i] = simple.Node(i)
	}
	for i := range n {
		for j := range n {
			if i != j && w[i*n+j] > 0 {
				g.adj[i] = append(g.adj[i], g.nodes[j])
			}
		}
	}
	return g
}

func (g *agreementGraph) has(id int64) bool { return id >= 0 && id < int64(g.n) }

// Node returns the node with the given ID, or nil.
func (g *agreementGraph) Node(id int64) graph.Node {
	if !g.has(id) {
		return nil
	}
	return g.nodes[id]
}

// Nodes returns every node, in ID order.
func (g *agreementGraph) Nodes() graph.Nodes {
	return iterator.NewOrderedNodes(append([]graph.Node(nil), g.nodes...))
}

// From returns the neighbours of id, in ID order.
func (g *agreementGraph) From(id int64) graph.Nodes {
	if !g.has(id) || len(g.adj[id]) == 0 {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(g.adj[id])
}

// Weight returns the weight of the edge between x and y; a node has no
// weight with itself.
func (g *agreementGraph) Weight(x, y int64) (float64, bool) {
	if !g.has(x) || !g.has(y) || x == y {
		return 0, false
	}
	w := g.w[x*int64(g.n)+y]
	return w, w > 0
}

// HasEdgeBetween reports whether x and y are joined.
func (g *agreementGraph) HasEdgeBetween(x, y int64) bool {
	_, ok := g.Weight(x, y)
	return ok
}

// WeightedEdgeBetween returns the edge between x and y, or nil.
func (g *agreementGraph) WeightedEdgeBetween(x, y int64) graph.WeightedEdge {
	w, ok := g.Weight(x, y)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: g.nodes[x], T: g.nodes[y], W: w}
}

// WeightedEdge returns the edge from u to v, or nil.
func (g *agreementGraph) WeightedEdge(u, v int64) graph.WeightedEdge {
	return g.WeightedEdgeBetween(u, v)
}

// Edge returns the edge from u to v, or nil.
func (g *agreementGraph) Edge(u, v int64) graph.Edge { return g.EdgeBetween(u, v) }

// EdgeBetween returns the edge between x and y, or nil.
func (g *agreementGraph) EdgeBetween(x, y int64) graph.Edge {
	if e := g.WeightedEdgeBetween(x, y); e != nil {
		return e
	}
	return nil
}

var _ graph.WeightedUndirected = (*agreementGraph)(nil)
