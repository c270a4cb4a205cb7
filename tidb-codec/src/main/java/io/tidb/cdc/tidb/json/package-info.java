/** TiDB's binary JSON: the value model, the binary codec, and JSON text as TiDB prints it. */
package io.tidb.cdc.tidb.json;
