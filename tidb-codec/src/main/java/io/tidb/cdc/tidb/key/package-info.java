/**
 * Key layouts: table record and index keys ({@code tablecodec}), row handles, key spans in raw and
 * memcomparable form, and the structure/meta keys TiDB keeps its schema under.
 */
package io.tidb.cdc.tidb.key;
