// The search box's query language is compiled by shared/query/, the same code the server
// runs for the API's `query=` parameter, so an export of "shown hits" selects exactly the
// table's rows. Table rows (HitRow) carry every field a compiled query reads.
export {
  compileQuery,
  type CompiledQuery,
  type RowPredicate,
} from '../../../shared/query/compile-query';
