import type { Keywords } from "./resultShapes";

export function KeywordTables({ result }: { result: Keywords }) {
  return (
    <>
      <table className="facts">
        <caption>Keywords</caption>
        <thead>
          <tr>
            <th scope="col">Term</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {result.keywords.map((keyword, index) => (
            <tr key={index}>
              <td>{keyword.term}</td>
              <td>{keyword.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="facts">
        <caption>Key phrases</caption>
        <thead>
          <tr>
            <th scope="col">Phrase</th>
            <th scope="col">Score</th>
            <th scope="col">Occurrences</th>
          </tr>
        </thead>
        <tbody>
          {result.keyphrases.map((phrase, index) => (
            <tr key={index}>
              <td>{phrase.phrase}</td>
              <td>{phrase.score}</td>
              <td>{phrase.occurrences}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
