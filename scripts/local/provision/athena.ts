// AWS::Athena::WorkGroup and AWS::Athena::NamedQuery (moto stores them; it does not run queries).
import {
  CreateNamedQueryCommand,
  CreateWorkGroupCommand,
  GetNamedQueryCommand,
  ListNamedQueriesCommand,
  UpdateWorkGroupCommand,
  type WorkGroupConfiguration,
} from '@aws-sdk/client-athena';
import { isRecord } from '../template/load';
import type { ResolvedResource } from '../types';
import { asText, isAwsError, reportIgnoredProperties, tagList, type ProvisionContext, type ResourceProvisioner } from './context';

export const provisionAthenaWorkGroup: ResourceProvisioner = async (resource, context) => {
  const { athena } = context.clients;
  const { Description: description, State: state, WorkGroupConfiguration: configuration } = resource.properties;
  try {
    await athena.send(
      new CreateWorkGroupCommand({
        Name: resource.physicalId,
        Description: description as string | undefined,
        Configuration: isRecord(configuration) ? (configuration as WorkGroupConfiguration) : undefined,
        Tags: tagList(resource.properties.Tags),
      }),
    );
    context.log(`${resource.logicalId}: created Athena work group ${resource.physicalId}`);
  } catch (error) {
    if (!(isAwsError(error, 'InvalidRequestException') && /already exists/i.test(error instanceof Error ? error.message : ''))) throw error;
    context.log(`${resource.logicalId}: Athena work group ${resource.physicalId} already exists`);
  }
  if (state === 'DISABLED') await disableWorkGroup(resource, context);
  // RecursiveDeleteOption only tells CloudFormation how to delete the group.
  reportIgnoredProperties(resource, ['Name', 'Description', 'State', 'WorkGroupConfiguration', 'Tags', 'RecursiveDeleteOption'], context);
  return undefined;
};

async function disableWorkGroup(resource: ResolvedResource, context: ProvisionContext): Promise<void> {
  try {
    await context.clients.athena.send(new UpdateWorkGroupCommand({ WorkGroup: resource.physicalId, State: 'DISABLED' }));
  } catch (error) {
    context.log(`${resource.logicalId}: State DISABLED not applied locally (${error instanceof Error ? error.message : String(error)})`);
  }
}

export const provisionAthenaNamedQuery: ResourceProvisioner = async (resource, context) => {
  const { Name: name, Description: description, Database: database, QueryString: queryString, WorkGroup: workGroup } = resource.properties;
  const query = {
    Name: asText(name),
    Description: description as string | undefined,
    Database: asText(database),
    QueryString: asText(queryString),
    WorkGroup: workGroup as string | undefined,
  };
  const existing = await findNamedQuery(query.Name, query.Database, query.WorkGroup, context);
  reportIgnoredProperties(resource, ['Name', 'Description', 'Database', 'QueryString', 'WorkGroup'], context);
  if (existing) {
    context.log(`${resource.logicalId}: Athena named query ${query.Name} already exists`);
    return { physicalId: existing, attributes: { NamedQueryId: existing } };
  }
  const { NamedQueryId: id } = await context.clients.athena.send(new CreateNamedQueryCommand(query));
  if (!id) throw new Error(`${resource.logicalId}: CreateNamedQuery returned no NamedQueryId`);
  context.log(`${resource.logicalId}: created Athena named query ${query.Name}`);
  return { physicalId: id, attributes: { NamedQueryId: id } };
};

/** Named queries have no unique name in Athena; a rerun recognises its own by name, database and work group. */
async function findNamedQuery(name: string, database: string, workGroup: string | undefined, context: ProvisionContext): Promise<string | undefined> {
  const { athena } = context.clients;
  let nextToken: string | undefined;
  do {
    const page = await athena.send(new ListNamedQueriesCommand({ WorkGroup: workGroup, NextToken: nextToken }));
    for (const id of page.NamedQueryIds ?? []) {
      const { NamedQuery: query } = await athena.send(new GetNamedQueryCommand({ NamedQueryId: id }));
      if (query?.Name === name && query.Database === database) return id;
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}
