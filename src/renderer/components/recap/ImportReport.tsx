/** The import check as the verifier reads it: how many rows are valid, and which rows have which problem. */
import { IMPORT_FIELD_LABELS, type ImportPreview } from '../../../shared/domain/recap';

export function ImportReport({ preview }: { preview: ImportPreview }) {
  const invalid = preview.totalRows - preview.validRows;
  return (
    <div className="recap-report">
      <p>
        <strong>{preview.totalRows.toLocaleString('id-ID')}</strong> baris dibaca:{' '}
        <strong className="ok-text">{preview.validRows.toLocaleString('id-ID')} valid</strong>,{' '}
        <strong className={invalid > 0 ? 'bad-text' : undefined}>{invalid.toLocaleString('id-ID')} bermasalah</strong>{' '}
        (dilewati).
      </p>
      {preview.issues.length > 0 && (
        <div className="recap-issues">
          <table className="table">
            <thead>
              <tr>
                <th>Baris</th>
                <th>Kolom</th>
                <th>Masalah</th>
              </tr>
            </thead>
            <tbody>
              {preview.issues.map((issue, i) => (
                <tr key={i}>
                  <td>{issue.row}</td>
                  <td>{issue.field ? IMPORT_FIELD_LABELS[issue.field] : '–'}</td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.issuesTruncated && (
            <p className="hint">Hanya {preview.issues.length} masalah pertama yang ditampilkan.</p>
          )}
        </div>
      )}
    </div>
  );
}
