//! Writers for co-occurrence graphs: JSON, GraphML (yEd, Gephi, networkx) and GEXF (Gephi).

use std::fmt::Write;

use crate::error::{Result, StoreError};
use crate::query::Graph;

/// A graph file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// `{nodes, edges}` as JSON.
    Json,
    /// GraphML.
    GraphMl,
    /// GEXF 1.3.
    Gexf,
}

impl std::str::FromStr for GraphFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<GraphFormat> {
        match s {
            "json" => Ok(GraphFormat::Json),
            "graphml" => Ok(GraphFormat::GraphMl),
            "gexf" => Ok(GraphFormat::Gexf),
            _ => Err(StoreError::Invalid(format!(
                "unknown graph format {s:?}: expected json, graphml or gexf"
            ))),
        }
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

impl Graph {
    /// The graph in `format`.
    pub fn write(&self, format: GraphFormat) -> Result<String> {
        match format {
            GraphFormat::Json => {
                serde_json::to_string_pretty(self).map_err(|e| StoreError::Invalid(format!("graph as JSON: {e}")))
            }
            GraphFormat::GraphMl => Ok(self.to_graphml()),
            GraphFormat::Gexf => Ok(self.to_gexf()),
        }
    }

    /// The graph as GraphML: nodes with `name`, `type` and `articles`, undirected edges with
    /// `weight`.
    pub fn to_graphml(&self) -> String {
        let mut o = String::new();
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        o.push_str("  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n");
        o.push_str("  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n");
        o.push_str("  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"long\"/>\n");
        o.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n");
        o.push_str("  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n");
        for n in &self.nodes {
            let _ = writeln!(
                o,
                "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"type\">{}</data><data key=\"articles\">{}</data></node>",
                esc(&n.id),
                esc(&n.name),
                esc(&n.etype),
                n.articles
            );
        }
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(
                o,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data></edge>",
                esc(&e.source),
                esc(&e.target),
                e.weight
            );
        }
        o.push_str("  </graph>\n</graphml>\n");
        o
    }

    /// The graph as GEXF 1.3 (Gephi): labels are names, `type` and `articles` are node attributes.
    pub fn to_gexf(&self) -> String {
        let mut o = String::new();
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        o.push_str("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
        o.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
        o.push_str("    <attributes class=\"node\">\n");
        o.push_str("      <attribute id=\"0\" title=\"type\" type=\"string\"/>\n");
        o.push_str("      <attribute id=\"1\" title=\"articles\" type=\"long\"/>\n");
        o.push_str("    </attributes>\n    <nodes>\n");
        for n in &self.nodes {
            let _ = writeln!(
                o,
                "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/></attvalues></node>",
                esc(&n.id),
                esc(&n.name),
                esc(&n.etype),
                n.articles
            );
        }
        o.push_str("    </nodes>\n    <edges>\n");
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(
                o,
                "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"/>",
                esc(&e.source),
                esc(&e.target),
                e.weight
            );
        }
        o.push_str("    </edges>\n  </graph>\n</gexf>\n");
        o
    }
}
