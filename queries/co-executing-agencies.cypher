// name: co-executing-agencies
// description: The agencies that co-execute programmes with one agency, and how often.
// param agency (name): 工業技術研究院 | an agency's name, short name or abbreviation
MATCH (a:Agency)
WHERE $agency IN a.keys
MATCH (a)<-[:EXECUTED_BY]-(p:Programme)-[:EXECUTED_BY]->(b:Agency)
WHERE b <> a
WITH b, p ORDER BY p.name
RETURN b.name AS partner, count(DISTINCT p) AS times, collect(DISTINCT p.name) AS programmes
ORDER BY times DESC, partner
