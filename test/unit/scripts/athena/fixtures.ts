// A Glue table definition shaped like the template's clickstream_events, for the athena unit tests.
import type { GlueTableDefinition } from '../../../../scripts/athena/catalog';

export function clickstreamTable(overrides: Partial<GlueTableDefinition> = {}): GlueTableDefinition {
  return {
    logicalId: 'ClickstreamEventsTable',
    database: 'streaming_reference_local',
    name: 'clickstream_events',
    columns: [
      { name: 'event_id', type: 'string' },
      { name: 'event_type', type: 'string' },
      { name: 'page', type: 'struct<url:string,path:string>' },
      { name: 'properties', type: 'map<string,string>' },
      { name: 'schema_version', type: 'int' },
    ],
    partitionKeys: [
      { name: 'event_date', type: 'string' },
      { name: 'event_hour', type: 'string' },
    ],
    location: 's3://lake/clickstream/events/',
    parameters: {
      'projection.enabled': 'true',
      'projection.event_date.type': 'date',
      'projection.event_date.format': 'yyyy-MM-dd',
      'projection.event_date.range': '2026-01-01,NOW',
      'projection.event_date.interval': '1',
      'projection.event_date.interval.unit': 'DAYS',
      'projection.event_hour.type': 'integer',
      'projection.event_hour.range': '0,23',
      'projection.event_hour.digits': '2',
      'storage.location.template': 's3://lake/clickstream/events/event_date=${event_date}/event_hour=${event_hour}/',
    },
    serdeLibrary: 'org.openx.data.jsonserde.JsonSerDe',
    serdeParameters: { 'ignore.malformed.json': 'true', 'mapping.event_id': 'eventId', 'mapping.event_type': 'eventType', 'mapping.schema_version': 'schemaVersion' },
    ...overrides,
  };
}
