// Public surface of the report layer: pure builders from stored records to charts and export files.
export { buildProgressChart, buildSelfReportChart, sessionIdAt, eventX, PROGRESS_METRICS } from './charts';
export type {
  ChartPoint,
  DatasetRole,
  ProgressChart,
  ProgressInput,
  SelfReportChart,
  SelfReportRole,
} from './charts';
export { buildMetricsCsv, csvText, csvRows, CSV_COLUMNS } from './csv';
export { buildFhirBundle, GANGLAG_METRIC_SYSTEM, LOINC_GAIT_SPEED_PROTOCOLS } from './fhir';
export type { FhirBundle, FhirObservation, FhirPatient } from './fhir';
export { METRIC_IDS, METRICS, metricValue, formatMetric, type MetricId, type MetricDef } from './metrics';
export { referenceBand, meaningfulChange, ageAt, type ReferenceBand, type MeaningfulChange } from './norms';
export { buildPdfReport, NOT_DIAGNOSTIC, type PdfChart, type PdfReport, type PdfReportInput } from './pdf';
export { patientSummary, type SummaryLine } from './summary';
export { buildTrc, type TrcOptions } from './trc';
export { nameUuid } from './uuid';
export { compareSessions, differentModels, type ComparisonRow } from './compare';
export { buildGaitEventsChart, type StepPoint } from './gait-events';
export {
  selfReportAnswers,
  testResults,
  SELF_REPORT_DEFS,
  SELF_REPORT_ITEMS,
  type SelfReportItem,
  type TestResult,
} from './answers';
