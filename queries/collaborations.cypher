// name: collaborations
// description: Who works with whom (攜手, 合作, 技轉) according to the documents, with the sentence that says so.
// param kind: | one of 攜手, 合作, 技轉; empty for all
MATCH (a)-[r:COLLABORATES_WITH]->(b)
WHERE $kind = '' OR r.kind = $kind
RETURN a.name AS party, r.kind AS kind, b.name AS partner, r.evidence AS evidence
ORDER BY kind, party, partner, evidence
