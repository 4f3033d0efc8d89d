package org.example.webconferencing.acme.server;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.exoplatform.container.ExoContainerContext;
import org.exoplatform.webconferencing.WebConferencingService;
import org.example.webconferencing.acme.AcmeProvider;

/** Serves the call page at /acme/call. */
public class AcmeCallServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final String CALL_PAGE = "/WEB-INF/pages/call.jsp";

  private static final String UNAUTHORIZED_PAGE = "/WEB-INF/pages/unauthorized.html";

  private static final String SERVER_ERROR_PAGE = "/WEB-INF/pages/servererror.html";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
    resp.setContentType("text/html; charset=UTF-8");
    String user = req.getRemoteUser();
    if (user == null) {
      resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      req.getRequestDispatcher(UNAUTHORIZED_PAGE).include(req, resp);
      return;
    }
    WebConferencingService webConferencing =
        ExoContainerContext.getCurrentContainer().getComponentInstanceOfType(WebConferencingService.class);
    AcmeProvider provider = (AcmeProvider) webConferencing.getProvider(AcmeProvider.TYPE);
    if (provider == null) {
      resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      req.getRequestDispatcher(SERVER_ERROR_PAGE).include(req, resp);
      return;
    }
    req.setAttribute("userInfo", "{\"id\":\"" + user + "\"}");
    req.setAttribute("contextInfo", "{\"containerName\":\"portal\",\"spaceId\":null}");
    req.setAttribute("settings", "{\"url\":\"/" + AcmeProvider.TYPE + "\",\"serviceUrl\":\""
        + provider.getSettings().getServiceUrl() + "\",\"clientId\":\"" + provider.getSettings().getClientId() + "\"}");
    req.getRequestDispatcher(CALL_PAGE).include(req, resp);
  }
}
