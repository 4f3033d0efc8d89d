"""A Windows job object that kills its processes when its last handle closes (used by the keeper on Windows only).

Stdlib only and import-safe everywhere: nothing touches the Windows API until a Job is made.
"""

from __future__ import annotations

import ctypes

JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
JOB_BASIC_PROCESS_ID_LIST = 3
JOB_EXTENDED_LIMIT_INFORMATION = 9
MAX_LISTED = 4096

DWORD = ctypes.c_uint32
ULONG_PTR = ctypes.c_size_t


class _IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class _BasicLimits(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", DWORD), ("Affinity", ULONG_PTR),
                ("PriorityClass", DWORD), ("SchedulingClass", DWORD)]


class _ExtendedLimits(ctypes.Structure):
    _fields_ = [("BasicLimitInformation", _BasicLimits), ("IoInfo", _IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


class _ProcessIdList(ctypes.Structure):
    _fields_ = [("NumberOfAssignedProcesses", DWORD), ("NumberOfProcessIdsInList", DWORD),
                ("ProcessIdList", ULONG_PTR * MAX_LISTED)]


class Job:
    """A job object with KILL_ON_JOB_CLOSE and no breakaway; its handle is not inheritable."""

    def __init__(self) -> None:
        self._k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self._k32.CreateJobObjectW.restype = ctypes.c_void_p
        for name in ("SetInformationJobObject", "AssignProcessToJobObject", "TerminateJobObject",
                     "QueryInformationJobObject"):
            getattr(self._k32, name).restype = ctypes.c_int
        self.handle = self._k32.CreateJobObjectW(None, None)
        if not self.handle:
            raise OSError(ctypes.get_last_error(), "CreateJobObject failed")
        limits = _ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        if not self._k32.SetInformationJobObject(ctypes.c_void_p(self.handle), JOB_EXTENDED_LIMIT_INFORMATION,
                                                 ctypes.byref(limits), ctypes.sizeof(limits)):
            raise OSError(ctypes.get_last_error(), "SetInformationJobObject failed")

    def assign(self, process_handle: int) -> bool:
        """Put a process (created suspended, so it has no children yet) in the job."""
        return bool(self._k32.AssignProcessToJobObject(ctypes.c_void_p(self.handle), ctypes.c_void_p(process_handle)))

    def pids(self) -> list[int]:
        """The processes in the job now."""
        listed = _ProcessIdList()
        if not self._k32.QueryInformationJobObject(ctypes.c_void_p(self.handle), JOB_BASIC_PROCESS_ID_LIST,
                                                   ctypes.byref(listed), ctypes.sizeof(listed), None):
            return []
        return [int(listed.ProcessIdList[i]) for i in range(listed.NumberOfProcessIdsInList)]

    def terminate(self) -> None:
        """Kill every process in the job."""
        self._k32.TerminateJobObject(ctypes.c_void_p(self.handle), 1)
