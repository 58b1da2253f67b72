// CloudWatch client factory, with the same HTTP settings and endpoint handling as the factories in ./clients.
import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { keepAliveHttpHandler } from './clients';

/**
 * CloudWatch speaks both the AWS JSON 1.0 protocol (the SDK's default since 2025) and its original AWS Query
 * protocol. The client is pinned to Query because moto, the local cloud's CloudWatch, understands only that one;
 * CloudWatch answers both alike, so the same client works against AWS and locally without a "local" branch.
 * The endpoint comes from AWS_ENDPOINT_URL_CLOUDWATCH or AWS_ENDPOINT_URL when set; `overrides` are for tooling
 * that addresses an environment explicitly (the local cloud's metric publisher).
 */
export const createCloudWatchClient = (overrides: CloudWatchClientConfig = {}): CloudWatchClient =>
  new CloudWatchClient({ protocol: AwsQueryProtocol, requestHandler: keepAliveHttpHandler(), ...overrides });
