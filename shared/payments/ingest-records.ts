// Maps a validated ingest request to Kinesis records: partition key = cardId keeps a card's transactions on one shard, in order.
import type { PaymentsIngestRequest, TransactionRecord } from '../events/payments';

export interface PaymentOutgoingRecord {
  id: string;
  partitionKey: string;
  payload: TransactionRecord;
}

export function toPaymentRecords(request: PaymentsIngestRequest, receivedAt: string): PaymentOutgoingRecord[] {
  return request.transactions.map((transaction) => ({
    id: transaction.transactionId,
    partitionKey: transaction.cardId,
    payload: { ...transaction, receivedAt },
  }));
}
