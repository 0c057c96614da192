// name: new-in-edition
// description: Programmes, technologies and agencies that appear in an edition and in no other loaded edition of its series.
// param edition: 2025/2026 | an edition label as stored on documents
MATCH (d:Document {edition: $edition})
WITH collect(DISTINCT d.series) AS series
MATCH (o:Document)
WHERE o.series IN series
WITH collect(o.id) AS in_series, collect(CASE WHEN o.edition = $edition THEN o.id END) AS these
MATCH (n)
WHERE (n:Programme OR n:Technology OR n:Agency)
  AND any(s IN n.sources WHERE s IN these)
  AND all(s IN n.sources WHERE NOT s IN in_series OR s IN these)
RETURN labels(n)[0] AS label, n.name AS entity
ORDER BY label, entity
