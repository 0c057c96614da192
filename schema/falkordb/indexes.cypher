// FalkorDB schema for the graphkit graph contract: an exact-match index on id and name per
// label. Unique constraints on id are added with GRAPH.CONSTRAINT by the store (not Cypher).
CREATE INDEX FOR (n:Programme) ON (n.id, n.name);
CREATE INDEX FOR (n:Agency) ON (n.id, n.name);
CREATE INDEX FOR (n:Technology) ON (n.id, n.name);
CREATE INDEX FOR (n:Policy) ON (n.id, n.name);
CREATE INDEX FOR (n:SubsidyScheme) ON (n.id, n.name);
CREATE INDEX FOR (n:Regulation) ON (n.id, n.name);
CREATE INDEX FOR (n:Organization) ON (n.id, n.name);
CREATE INDEX FOR (n:Document) ON (n.id, n.name);
CREATE INDEX FOR (n:Domain) ON (n.id, n.name);
CREATE INDEX FOR (n:Chapter) ON (n.id, n.name);
CREATE INDEX FOR (n:Article) ON (n.id, n.name);
