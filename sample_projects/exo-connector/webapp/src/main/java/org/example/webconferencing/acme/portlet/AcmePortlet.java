package org.example.webconferencing.acme.portlet;

import java.io.IOException;

import javax.portlet.GenericPortlet;
import javax.portlet.PortletException;
import javax.portlet.RenderRequest;
import javax.portlet.RenderResponse;

import org.exoplatform.container.ExoContainerContext;
import org.exoplatform.web.application.JavascriptManager;
import org.exoplatform.webconferencing.WebConferencingService;
import org.exoplatform.webui.application.WebuiRequestContext;
import org.example.webconferencing.acme.AcmeProvider;

/** Added to every page: loads the Acme JS module and hands it the server-side settings. */
public class AcmePortlet extends GenericPortlet {

  private AcmeProvider provider;

  @Override
  public void init() throws PortletException {
    super.init();
    WebConferencingService webConferencing =
        ExoContainerContext.getCurrentContainer().getComponentInstanceOfType(WebConferencingService.class);
    this.provider = (AcmeProvider) webConferencing.getProvider(AcmeProvider.TYPE);
  }

  @Override
  protected void doView(RenderRequest request, RenderResponse response) throws PortletException, IOException {
    if (provider == null || !provider.isActive()) {
      return;
    }
    JavascriptManager js = ((WebuiRequestContext) WebuiRequestContext.getCurrentInstance()).getJavascriptManager();
    String settings = "{\"url\":\"/" + AcmeProvider.TYPE + "\",\"serviceUrl\":\"" + provider.getSettings().getServiceUrl()
        + "\",\"clientId\":\"" + provider.getSettings().getClientId() + "\"}";
    js.require("SHARED/webConferencing", "webConferencing")
      .require("SHARED/webConferencing_acme", "acmeProvider")
      .addScripts("if (acmeProvider) { acmeProvider.configure(" + settings
          + "); webConferencing.addProvider(acmeProvider); webConferencing.update(); }");
  }
}
