package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.ScratchDir;
import java.util.List;

/** A server's endpoint together with what must go when it stops: its process and data. */
record RunningServer<T>(T endpoint, ChildProcess process, List<ScratchDir> dataDirs)
    implements AutoCloseable {
  RunningServer {
    dataDirs = List.copyOf(dataDirs);
  }

  @Override
  public void close() {
    process.close();
    dataDirs.forEach(ScratchDir::close);
  }
}
