import { HttpStatus } from '@nestjs/common';
import { appendCommonCodes, CodeOf, commonStatusOf } from '../../../core/http/common-error-codes';
import { DomainException } from '../../../core/http/domain.exception';

const OWN = {
  /** Nothing in what was typed can be searched for (only punctuation, say). */
  NothingToSearch: 'search_nothing_to_search',
  TooManyWords: 'search_too_many_words',
} as const;

export const SearchErrorCode = appendCommonCodes('search', OWN);
export type SearchErrorCode = CodeOf<typeof SearchErrorCode>;

export class SearchException extends DomainException<SearchErrorCode> {
  get status(): HttpStatus {
    return commonStatusOf(SearchErrorCode, this.code) ?? ownStatus(this.code as CodeOf<typeof OWN>);
  }
}

function ownStatus(code: CodeOf<typeof OWN>): HttpStatus {
  switch (code) {
    case OWN.NothingToSearch:
    case OWN.TooManyWords:
      return HttpStatus.BAD_REQUEST;
  }
}
