// name: agencies-sharing-programmes
// description: Pairs of agencies that execute programmes together, with the shared programmes.
// param min_shared: 1 | least number of shared programmes
MATCH (a:Agency)<-[:EXECUTED_BY]-(p:Programme)-[:EXECUTED_BY]->(b:Agency)
WHERE a.name < b.name
WITH a, b, p ORDER BY p.name
WITH a, b, collect(p.name) AS programmes
WHERE size(programmes) >= $min_shared
RETURN a.name AS agency, b.name AS partner, size(programmes) AS shared, programmes
ORDER BY shared DESC, agency, partner
