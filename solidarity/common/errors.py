"""Error reporting that cannot leak restricted data."""

from django.views.debug import SafeExceptionReporterFilter


class RestrictedDataReporterFilter(SafeExceptionReporterFilter):
    """Hide every POST value and every frame's local variables in error reports.

    Forms carry health, family contacts and internal notes; locals hold model instances with
    them. The traceback itself (file, line, code) is enough to find the bug.
    """

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
