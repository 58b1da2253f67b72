// AWS::Glue::Database and AWS::Glue::Table: the catalog Athena queries (CloudFormation's inputs are the API's shapes).
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  UpdateDatabaseCommand,
  UpdateTableCommand,
  type DatabaseInput,
  type TableInput,
} from '@aws-sdk/client-glue';
import { isRecord } from '../template/load';
import { isAwsError, reportIgnoredProperties, type ResourceProvisioner } from './context';

export const provisionGlueDatabase: ResourceProvisioner = async (resource, context) => {
  const { CatalogId: catalogId, DatabaseInput: input } = resource.properties;
  if (!isRecord(input)) throw new Error(`${resource.logicalId}.DatabaseInput: expected an object`);
  const databaseInput = { ...input, Name: resource.physicalId } as DatabaseInput;
  const catalog = typeof catalogId === 'string' ? catalogId : context.accountId;
  try {
    await context.clients.glue.send(new CreateDatabaseCommand({ CatalogId: catalog, DatabaseInput: databaseInput }));
    context.log(`${resource.logicalId}: created Glue database ${resource.physicalId}`);
  } catch (error) {
    if (!isAwsError(error, 'AlreadyExistsException')) throw error;
    await context.clients.glue.send(new UpdateDatabaseCommand({ CatalogId: catalog, Name: resource.physicalId, DatabaseInput: databaseInput }));
    context.log(`${resource.logicalId}: Glue database ${resource.physicalId} already exists; updated`);
  }
  reportIgnoredProperties(resource, ['CatalogId', 'DatabaseInput', 'DatabaseName'], context);
  return undefined;
};

export const provisionGlueTable: ResourceProvisioner = async (resource, context) => {
  const { CatalogId: catalogId, DatabaseName: databaseName, TableInput: input } = resource.properties;
  if (!isRecord(input)) throw new Error(`${resource.logicalId}.TableInput: expected an object`);
  if (typeof databaseName !== 'string') throw new Error(`${resource.logicalId}.DatabaseName: expected a database name`);
  const table = { CatalogId: typeof catalogId === 'string' ? catalogId : context.accountId, DatabaseName: databaseName, TableInput: { ...input, Name: resource.physicalId } as TableInput };
  try {
    await context.clients.glue.send(new CreateTableCommand(table));
    context.log(`${resource.logicalId}: created Glue table ${databaseName}.${resource.physicalId}`);
  } catch (error) {
    if (!isAwsError(error, 'AlreadyExistsException')) throw error;
    await context.clients.glue.send(new UpdateTableCommand(table));
    context.log(`${resource.logicalId}: Glue table ${databaseName}.${resource.physicalId} already exists; updated`);
  }
  reportIgnoredProperties(resource, ['CatalogId', 'DatabaseName', 'TableInput'], context);
  return undefined;
};
