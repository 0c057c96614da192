// name: neighbourhood
// description: Everything directly linked to an entity found by any of its names, with the relationship and its evidence.
// param name (name): 碳化矽 | a name, alias, abbreviation or English name of any entity
// param limit: 100 | number of rows
MATCH (n)
WHERE $name IN n.keys
MATCH (n)-[r]-(m)
RETURN labels(n)[0] AS label, n.name AS entity, type(r) AS relationship,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       labels(m)[0] AS neighbour_label, m.name AS neighbour, r.evidence AS evidence
ORDER BY relationship, neighbour_label, neighbour, label, entity, direction, evidence
LIMIT $limit
