"""What the reliability tests share: the command line as a process, child-process writers, the
figures printed at the end of the run."""
