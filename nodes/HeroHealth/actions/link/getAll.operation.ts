import { heroPaths } from '../../transport/paths';
import { unfilteredListOperation } from '../common.requests';

export const { independentItems, description, execute } = unfilteredListOperation(heroPaths.bookingLinksV2);
