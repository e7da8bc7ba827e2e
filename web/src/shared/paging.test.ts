import { describe, expect, it } from 'vitest';
import { firstPage, nextPage, pageSummary, previousPage } from './paging';

describe('paging a list by its cursors', () => {
  it('goes forward by the next cursor and back by the ones before, to the first page', () => {
    const second = nextPage(firstPage, 'c2');
    const third = nextPage(second, 'c3');
    expect(third).toEqual({ before: [null, 'c2'], current: 'c3' });
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(previousPage(third))).toEqual(firstPage);
    expect(previousPage(firstPage)).toBe(firstPage);
  });

  it('says which rows it shows and of how many, or that more follow when the total is not known', () => {
    expect(pageSummary(firstPage, 10, 10, 37, true, 'incidents')).toBe('Incidents 1–10 of 37');
    const fourth = nextPage(nextPage(nextPage(firstPage, 'a'), 'b'), 'c');
    expect(pageSummary(fourth, 10, 7, 37, false, 'incidents')).toBe('Incidents 31–37 of 37');
    expect(pageSummary(firstPage, 10, 10, null, true, 'requests')).toBe('Requests 1–10, more on the next page');
    expect(pageSummary(firstPage, 10, 3, null, false, 'requests')).toBe('Requests 1–3');
    expect(pageSummary(firstPage, 10, 0, 0, false, 'requests')).toBe('No requests');
    // A page emptied under the reader (the last rows closed meanwhile) says so, not "1–0".
    expect(pageSummary(nextPage(firstPage, 'x'), 10, 0, 10, false, 'requests')).toBe('No more requests');
  });
});
