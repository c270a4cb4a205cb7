/** MySQL/TiDB column types: type codes, flags, {@code FieldType}, and time values. */
package io.tidb.cdc.tidb.types;
