import { describe, expect, it } from '@jest/globals';
import { isFilteredQueue, nextRecordUrl, queueListUrl, queueParameters } from '../../../../src/domain/work-queues/next-in-queue.js';

describe('the queue a decision was taken from', () => {
  it('is the list’s filters and sort, without its page, page size or refresh key', () => {
    expect(queueParameters('?filters.status=recue&filters.partnerId=4&page=3&perPage=20&sortBy=receivedDate&direction=asc&refresh=true'))
      .toEqual({ 'filters.status': 'recue', 'filters.partnerId': '4', sortBy: 'receivedDate', direction: 'asc' });
  });

  it('drops empty filters; an unfiltered list is no queue', () => {
    const queue = queueParameters('filters.lastName=&sortBy=id');
    expect(queue).toEqual({ sortBy: 'id' });
    expect(isFilteredQueue(queue)).toBe(false);
    expect(isFilteredQueue(queueParameters('filters.status=recue'))).toBe(true);
    expect(queueParameters('')).toEqual({});
  });

  it('reopens the list with its filters, and « Suivant » opens the next record’s page', () => {
    expect(queueListUrl('AccessRequest', { sortBy: 'receivedDate', 'filters.status': 'recue' }))
      .toBe('/admin/resources/AccessRequest?filters.status=recue&sortBy=receivedDate');
    expect(queueListUrl('AccessRequest', { 'filters.lastName': 'Lefèvre & fils' })).toBe('/admin/resources/AccessRequest?filters.lastName=Lef%C3%A8vre+%26+fils');
    expect(nextRecordUrl('AccessRequest', '12')).toBe('/admin/resources/AccessRequest/records/12/show');
  });
});
